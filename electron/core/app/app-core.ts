import type { AppFacts, NavigateTarget } from '../../common/ipc-contract';
import { baseUrlFromEnv, createNotionClient } from '../check/notion-client';
import { clockFromEnv } from '../clock';
import { createKeytarStore } from '../keychain/keytar-store';
import { openAccessLog } from '../handout/access-log';
import type { Notifier } from '../monitor/desktop-notifier';
import { Monitor, type Timers } from '../monitor/monitor';
import type { Notification } from '../monitor/notices';
import { dataDir, keychainService } from '../paths';
import { trayModel, type TrayAction, type TrayModel } from '../tray/tray-model';
import { Vault } from '../vault/vault';
import { openVaultFile } from '../vault/vault-file';
import { watchVaultFile } from '../vault/watch-vault';
import { ClipboardGuard, type ClipboardPort } from './clipboard-guard';
import { ViewRequests } from './view-requests';
import { copyToClipboard, createVaultHandlers, type HandlerDeps, type Handlers } from './vault-handlers';

/** What differs between the Electron app and the browser harness: the faces the core talks to. */
export interface AppFaces {
  clipboard: ClipboardPort;
  /** Desktop notifications; the core calls it only when settings.notifications is on. */
  notifier: Notifier;
  /** Reached only through app:open-external, after isAllowedExternal. */
  openExternal: (url: string) => Promise<void>;
  /**
   * Notion's authorization page for oauth:connect: a URL the core built itself (from NOTION_API_BASE_URL),
   * never the renderer's. Electron's face opens it only if isAllowedAuthorize (external-urls.ts) agrees: https: once packaged.
   * The browser is given `privateUrl()` (a page only this user can read, forwarding to `url`), so the state stays off its command line.
   */
  openAuthorize: (url: string, privateUrl: () => string) => Promise<void>;
  /** Bring up the vault window: the tray, a notification or the app asked for this view. */
  show: (target: NavigateTarget) => void;
  /** Tell the page in the window to go to this view (`ui:navigate`); it may not be listening yet (view-requests.ts). */
  navigate: (target: NavigateTarget) => void;
  /** The tray model as it is now; called on every refresh, the face skips unchanged models. */
  renderTray: (model: TrayModel) => void;
  /** Tell the window the vault changed (`vault:changed`). */
  notifyWindow: () => void;
  /** The app's own facts (`app:info`). */
  info: () => AppFacts;
  /** Launch at login, applied at start and whenever the settings are saved. */
  loginItem: (openAtLogin: boolean) => void;
  /** The tray's Quit. */
  quit: () => void;
  /** One line per event; never a secret. */
  log: (line: string) => void;
  timers?: Timers;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface AppCore {
  /** The answer to every channel of the IPC contract. */
  readonly handlers: Handlers;
  /** A tray menu click. Never rejects: a failure is logged. */
  act(action: TrayAction): Promise<void>;
  /** Bring up the window at this view: it lands there even when the page is still loading. */
  present(target: NavigateTarget): void;
  /** The window's page started (re)loading: view requests wait for it to ask. */
  pageLoading(): void;
  /** Whether a copied secret is still waiting to be cleared from the clipboard. */
  clipboardPending(): boolean;
  /** A notification of the app's own, if the person wants notifications. */
  notify(notification: Notification): Promise<void>;
  /** The machine woke up: whatever fell due meanwhile runs now. */
  resume(): void;
  /** Watches vault.json, applies launch at login and renders the tray; `firstPass` is the monitor's first run of due checks. */
  start(): Promise<{ firstPass: Promise<void> }>;
  /** On quit: a pending clipboard clear would die with the process, so clear now (if the clipboard is still ours). */
  clearClipboard(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The app without Electron: vault, checks, monitor, clipboard policy, IPC handlers and the tray
 * model, wired as the tray app runs them. electron/main binds it to Electron; the browser
 * harness (test/harness) binds it to HTTP and records what a person would see.
 */
export function createAppCore(faces: AppFaces): AppCore {
  const { log } = faces;
  const env = faces.env ?? process.env;
  const clock = clockFromEnv(env);
  const file = openVaultFile({ dir: dataDir(env), onNotice: log, clock });
  const store = createKeytarStore({ service: keychainService(env) });
  const vault = new Vault(file, store, clock);
  const notion = createNotionClient({ baseUrl: baseUrlFromEnv(env) });
  const client = (): Promise<typeof notion> => Promise.resolve(notion);
  const monitor = new Monitor({ vault, client, clock, log, notifier: faces.notifier, timers: faces.timers });
  const clip = new ClipboardGuard(faces.clipboard, faces.timers);
  const views = new ViewRequests(faces.navigate);
  const present = (target: NavigateTarget): void => {
    faces.show(target);
    views.request(target);
  };
  let unwatch: (() => void) | null = null;

  const refresh = async (): Promise<void> => {
    const { entries, settings } = await vault.snapshot();
    faces.renderTray(trayModel(entries, clock(), settings, await accessLog.lastUsed(entries)));
    faces.notifyWindow();
  };
  const changed = (): void => { refresh().catch((e: unknown) => { log(`refresh: ${String(e)}`); }); };

  const accessLog = openAccessLog({ file, onNotice: log });
  const deps: HandlerDeps = {
    vault, client, clock, monitor, clipboard: clip, changed, accessLog,
    probe: () => store.probe(),
    openExternal: faces.openExternal,
    oauth: { openAuthorize: faces.openAuthorize, baseUrl: baseUrlFromEnv(env) },
    pendingView: () => views.take(),
    info: faces.info,
  };
  const handlers = createVaultHandlers(deps);
  const saveSettings = handlers['settings:set'];
  handlers['settings:set'] = async (patch) => {
    const settings = await saveSettings(patch);
    faces.loginItem(settings.launchAtLogin);
    return settings;
  };

  const run = async (action: TrayAction): Promise<unknown> => {
    switch (action.type) {
      case 'copy': return copyToClipboard(deps, action.entryId, 'token', 'tray');
      case 'copy-env': return copyToClipboard(deps, action.entryId, 'env', 'tray');
      case 'check': return handlers['vault:check']([action.entryId]);
      case 'check-all': return handlers['vault:check']([]);
      case 'details': present({ view: 'details', id: action.entryId }); return null;
      case 'add': present({ view: 'add' }); return null;
      case 'settings': present({ view: 'settings' }); return null;
      case 'open': present({ view: 'list' }); return null;
      case 'quit': faces.quit(); return null;
    }
  };

  return {
    handlers,
    present,
    pageLoading: () => { views.pageLoading(); },
    clipboardPending: () => clip.pending(),
    act: async (action) => {
      await run(action).catch((error: unknown) => { log(`${action.type}: ${error instanceof Error ? error.message : String(error)}`); });
    },
    notify: async (notification) => {
      if ((await vault.settings()).notifications) await faces.notifier.send(notification);
    },
    resume: () => { monitor.resume().then(changed, () => undefined); },
    start: async () => {
      unwatch = await watchVaultFile(file.path, () => { monitor.refresh().then(changed, () => undefined); });
      faces.loginItem((await vault.settings()).launchAtLogin);
      await refresh();
      return { firstPass: monitor.start().then(changed, () => undefined) };
    },
    clearClipboard: () => clip.clearNow(),
    stop: async () => {
      unwatch?.();
      unwatch = null;
      await monitor.stop();
    },
  };
}
