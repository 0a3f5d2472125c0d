import type { NavigateTarget } from '../../electron/common/ipc-contract';
import { redactAll, redactToken } from '../../electron/common/token-text';
import type { ClipboardPort } from '../../electron/core/app/clipboard-guard';
import type { Notification } from '../../electron/core/monitor/notices';
import { sameModel, type TrayModel } from '../../electron/core/tray/tray-model';

// What a person would see of the app outside its window, one JSON object per line on stdout,
// for tests to assert on. The clipboard record is the one that carries a secret, by design.

export type HarnessRecord =
  | { type: 'tray'; model: TrayModel }
  | { type: 'clipboard'; text: string }
  | ({ type: 'notification' } & Notification)
  | { type: 'open-external'; url: string }
  | { type: 'navigate'; target: NavigateTarget }
  | { type: 'login-item'; openAtLogin: boolean };

export interface Recorder {
  /** The one non-record line, first on stdout; records made before it follow it. */
  ready(url: string): void;
  tray(model: TrayModel): void;
  clipboard(text: string): void;
  notification(notification: Notification): void;
  openExternal(url: string): void;
  navigate(target: NavigateTarget): void;
  loginItem(openAtLogin: boolean): void;
}

export function createRecorder(write: (line: string) => void): Recorder {
  let held: string[] | null = [];
  let shown: TrayModel | null = null;
  const record = (r: HarnessRecord): void => {
    const line = JSON.stringify(r);
    if (held) held.push(line);
    else write(line);
  };
  return {
    ready(url) {
      write(`ready: ${url}`);
      for (const line of held ?? []) write(line);
      held = null;
    },
    tray(model) {
      // Like the tray service: a render that changes nothing is not a render.
      if (shown !== null && sameModel(shown, model)) return;
      shown = model;
      record({ type: 'tray', model });
    },
    clipboard(text) { record({ type: 'clipboard', text }); },
    notification({ title, body, urgency, entryId }) { record({ type: 'notification', title, body, urgency, entryId }); },
    openExternal(url) { record({ type: 'open-external', url }); },
    navigate(target) { record({ type: 'navigate', target }); },
    loginItem(openAtLogin) { record({ type: 'login-item', openAtLogin }); },
  };
}

/** The "system clipboard": what the app writes is recorded; what the person copies (`set`) is not. */
export class MemoryClipboard implements ClipboardPort {
  private text = '';

  constructor(private readonly onWrite: (text: string) => void) {}

  readText(): string {
    return this.text;
  }

  writeText(text: string): void {
    this.text = text;
    this.onWrite(text);
  }

  /** The person copies something (a token from Notion's page, say). */
  set(text: string): void {
    this.text = text;
  }
}

/** Anything that looks like a Notion token: the core never logs one, but a log line must not be the place we find out. */
const TOKEN_LIKE = /\b(?:development_)?(?:ntn|secret|nrt)_[A-Za-z0-9]{16,}/g;

/** Human log lines for stderr, with every token (and every secret the harness has handled) redacted. */
export function createLog(write: (line: string) => void): { log: (line: string) => void; remember: (secret: string) => void } {
  const secrets = new Set<string>();
  return {
    log: (line) => { write(`dev:web: ${redactAll(line, [...secrets]).replace(TOKEN_LIKE, redactToken)}`); },
    remember: (secret) => { if (secret.length >= 8) secrets.add(secret); },
  };
}
