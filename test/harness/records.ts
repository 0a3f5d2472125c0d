import type { NavigateTarget } from '../../electron/common/ipc-contract';
import { forTerminal } from '../../electron/common/outside-text';
import { redactTokenShaped } from '../../electron/common/redact-log';
import { redactAll } from '../../electron/common/token-text';
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

/**
 * Logged (on a line of its own) whenever a log line had to be redacted: the core never logs a
 * secret, so this means it tried to. Redaction hides the token from the tests' leak scans; this
 * line is what they look for instead (test/support/e2e.ts, test/integration/harness.test.ts).
 */
export const REDACTION_MARKER = 'redacted a token-shaped string';

/** Human log lines for stderr, with every token (and every secret the harness has handled) redacted, and a marker when that happened. */
export function createLog(write: (line: string) => void): { log: (line: string) => void; remember: (secret: string) => void } {
  const secrets = new Set<string>();
  return {
    log: (line) => {
      const known = redactAll(line, [...secrets]);
      const { text, count } = redactTokenShaped(known);
      write(`dev:web: ${forTerminal(text, 16 * 1024)}`);
      if (count > 0 || known !== line) write(`dev:web: ${REDACTION_MARKER} (a bug: nothing should log a token)`);
    },
    remember: (secret) => { if (secret.length >= 8) secrets.add(secret); },
  };
}
