import { BrowserWindow, app, clipboard, powerMonitor, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NavigateTarget } from '../common/ipc-contract';
import { redactTokenShaped } from '../common/redact-log';
import { createAppCore } from '../core/app/app-core';
import { isAllowedAuthorize } from '../core/app/external-urls';
import { createDesktopNotifier } from '../core/monitor/desktop-notifier';
import type { TrayAction, TrayIcon } from '../core/tray/tray-model';
import { registerIpc, sendEvent } from './ipc';
import { TrayService } from './tray';
import { createVaultWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
// Nothing should ever log a token; if something does, the line still does not carry it.
const log = (line: string): void => { console.log(`notion-token-vault: ${redactTokenShaped(line).text}`); };

// One app per user: a second launch opens the first one's window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start).catch((error: unknown) => {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
  });
}

/** Binds the Electron-free app core (electron/core/app/app-core.ts) to Electron's tray, window, clipboard and shell. */
async function start(): Promise<void> {
  let quitting = false;
  let window: BrowserWindow | null = null;

  const show = (target: NavigateTarget = { view: 'list' }): void => {
    window ??= createVaultWindow({
      preload: join(here, '../preload/index.cjs'),
      url: devServer() ?? pathToFileURL(join(here, '../renderer/index.html')).href,
      isQuitting: () => quitting,
      onHiddenFirstTime: () => {
        void core.notify({ title: 'Notion Token Vault is still running', body: 'It keeps watching your tokens from the tray. Quit from the tray menu.', urgency: 'normal', entryId: null });
      },
    });
    window.show();
    window.focus();
    const contents = window.webContents;
    // A window created just now is still loading: the page would miss the event.
    if (contents.isLoading()) contents.once('did-finish-load', () => { sendEvent(contents, 'ui:navigate', target); });
    else sendEvent(contents, 'ui:navigate', target);
  };

  const core = createAppCore({
    clipboard,
    notifier: createDesktopNotifier(log, (entryId) => { show(entryId === null ? { view: 'list' } : { view: 'details', id: entryId }); }),
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK: reached only through app:open-external, after isAllowedExternal
    openAuthorize: (url) => {
      // A packaged app opens https: only, whatever NOTION_API_BASE_URL says; dev and tests may open the emulator's http://127.0.0.1.
      if (!isAllowedAuthorize(url, app.isPackaged)) return Promise.reject(new Error('Notion\'s authorization page must be an https: address.'));
      return shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: the authorize URL the core built itself (connect.ts), never one from the renderer, and isAllowedAuthorize passed it
    },
    show,
    renderTray: (model) => { tray.render(model); },
    notifyWindow: () => { if (window) sendEvent(window.webContents, 'vault:changed'); },
    // Electron has no login items on Linux; there the desktop's autostart settings apply.
    loginItem: (openAtLogin) => { if (process.platform !== 'linux') app.setLoginItemSettings({ openAtLogin }); },
    quit: () => {
      quitting = true;
      app.quit();
    },
    log,
  });
  const act = (action: TrayAction): void => { void core.act(action); };

  const tray = new TrayService({ iconPath: trayIconPath, onAction: act });
  registerIpc(core.handlers, (event) => isTrusted(event, window), log);
  app.on('second-instance', () => { show(); });
  app.on('window-all-closed', () => { /* the tray keeps the app alive */ });
  let clipboardCleared = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (clipboardCleared) return;
    // A pending clipboard clear dies with the process: do it now, then quit for real.
    event.preventDefault();
    void core.clearClipboard().finally(() => {
      clipboardCleared = true;
      app.quit();
    });
  });
  powerMonitor.on('resume', () => { core.resume(); });
  app.on('will-quit', () => { void core.stop(); tray.destroy(); });

  const { firstPass } = await core.start();
  await firstPass;
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
