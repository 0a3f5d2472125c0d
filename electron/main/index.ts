import { BrowserWindow, app, clipboard, powerMonitor, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NavigateTarget } from '../common/ipc-contract';
import { ClipboardGuard } from '../core/app/clipboard-guard';
import { createVaultHandlers } from '../core/app/vault-handlers';
import { baseUrlFromEnv, createNotionClient } from '../core/check/notion-client';
import { clockFromEnv } from '../core/clock';
import { createKeytarStore } from '../core/keychain/keytar-store';
import { createDesktopNotifier } from '../core/monitor/desktop-notifier';
import { Monitor } from '../core/monitor/monitor';
import { dataDir, keychainService } from '../core/paths';
import { trayModel, type TrayAction, type TrayIcon } from '../core/tray/tray-model';
import { Vault } from '../core/vault/vault';
import { openVaultFile } from '../core/vault/vault-file';
import { watchVaultFile } from '../core/vault/watch-vault';
import { registerIpc, sendEvent } from './ipc';
import { TrayService } from './tray';
import { createVaultWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const log = (line: string): void => { console.log(`notion-token-vault: ${line}`); };

// One app per user: a second launch opens the first one's window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start).catch((error: unknown) => {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
  });
}

async function start(): Promise<void> {
  const clock = clockFromEnv();
  const file = openVaultFile({ dir: dataDir(), onNotice: log, clock });
  const store = createKeytarStore({ service: keychainService() });
  const vault = new Vault(file, store, clock);
  const notion = createNotionClient({ baseUrl: baseUrlFromEnv() });
  const client = (): Promise<typeof notion> => Promise.resolve(notion);
  let show: (target?: NavigateTarget) => void = () => undefined;
  const notifier = createDesktopNotifier(log, (entryId) => { show(entryId === null ? { view: 'list' } : { view: 'details', id: entryId }); });
  const monitor = new Monitor({ vault, client, clock, log, notifier });
  const clip = new ClipboardGuard(clipboard);
  let quitting = false;
  let window: BrowserWindow | null = null;

  const refresh = async (): Promise<void> => {
    const { entries, settings } = await vault.snapshot();
    tray.render(trayModel(entries, clock(), settings));
    if (window) sendEvent(window.webContents, 'vault:changed');
  };
  const changed = (): void => { refresh().catch((e: unknown) => { log(`refresh: ${String(e)}`); }); };
  const loginItem = (openAtLogin: boolean): void => {
    // Electron has no login items on Linux; there the desktop's autostart settings apply.
    if (process.platform !== 'linux') app.setLoginItemSettings({ openAtLogin });
  };
  const handlers = createVaultHandlers({
    vault, client, clock, monitor, clipboard: clip, changed,
    probe: () => store.probe(),
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK: reached only through app:open-external, after isAllowedExternal
  });
  const saveSettings = handlers['settings:set'];
  handlers['settings:set'] = async (patch) => {
    const settings = await saveSettings(patch);
    loginItem(settings.launchAtLogin);
    return settings;
  };

  show = (target: NavigateTarget = { view: 'list' }): void => {
    window ??= createVaultWindow({
      preload: join(here, '../preload/index.cjs'),
      url: devServer() ?? pathToFileURL(join(here, '../renderer/index.html')).href,
      isQuitting: () => quitting,
      onHiddenFirstTime: () => {
        void vault.settings().then(({ notifications }) => notifications
          ? notifier.send({ title: 'Notion Token Vault is still running', body: 'It keeps watching your tokens from the tray. Quit from the tray menu.', urgency: 'normal', entryId: null })
          : undefined);
      },
    });
    window.show();
    window.focus();
    const contents = window.webContents;
    // A window created just now is still loading: the page would miss the event.
    if (contents.isLoading()) contents.once('did-finish-load', () => { sendEvent(contents, 'ui:navigate', target); });
    else sendEvent(contents, 'ui:navigate', target);
  };

  const act = (action: TrayAction): void => {
    const run = async (): Promise<unknown> => {
      switch (action.type) {
        case 'copy': return handlers['vault:copy'](action.entryId, 'token');
        case 'copy-env': return handlers['vault:copy'](action.entryId, 'env');
        case 'check': return handlers['vault:check']([action.entryId]);
        case 'check-all': return handlers['vault:check']([]);
        case 'details': show({ view: 'details', id: action.entryId }); return null;
        case 'add': show({ view: 'add' }); return null;
        case 'settings': show({ view: 'settings' }); return null;
        case 'open': show({ view: 'list' }); return null;
        case 'quit':
          quitting = true;
          app.quit();
          return null;
      }
    };
    run().catch((error: unknown) => { log(`${action.type}: ${error instanceof Error ? error.message : String(error)}`); });
  };

  const tray = new TrayService({ iconPath: trayIconPath, onAction: act });
  registerIpc(handlers, (event) => isTrusted(event, window), log);
  app.on('second-instance', () => { show(); });
  app.on('window-all-closed', () => { /* the tray keeps the app alive */ });
  let clipboardCleared = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (clipboardCleared) return;
    // A pending clipboard clear dies with the process: do it now, then quit for real.
    event.preventDefault();
    void clip.clearNow().finally(() => {
      clipboardCleared = true;
      app.quit();
    });
  });
  powerMonitor.on('resume', () => { monitor.resume().then(changed, () => undefined); });
  const unwatch = await watchVaultFile(file.path, () => { monitor.refresh().then(changed, () => undefined); });
  app.on('will-quit', () => { unwatch(); void monitor.stop(); tray.destroy(); });

  loginItem((await vault.settings()).launchAtLogin);
  await refresh();
  await monitor.start().then(changed, () => undefined);
  // Playwright's _electron tests drive the tray through this; a packaged app never offers it.
  if (!app.isPackaged && process.env.NOTION_VAULT_TEST_HOOKS === '1') Object.assign(globalThis, { notionVaultTest: { trayAction: act } });
}

/** IPC is answered only for our window's own top frame, loaded from our renderer. */
function isTrusted(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (window === null || event.sender.id !== window.webContents.id || frame === null || frame.parent !== null) return false;
  const dev = devServer();
  return dev !== undefined ? frame.url.startsWith(dev) : frame.url.startsWith(pathToFileURL(join(here, '../renderer/')).href);
}

/** `electron-vite dev` serves the renderer; a packaged app ignores the variable and loads its own files. */
function devServer(): string | undefined {
  return app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
}

function trayIconPath(icon: TrayIcon): string {
  const name = process.platform === 'darwin' ? `tray-${icon}Template.png` : `tray-${icon}.png`;
  return app.isPackaged ? join(process.resourcesPath, 'tray', name) : join(app.getAppPath(), 'build', name);
}
