import { app, powerMonitor, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppCore } from '../core/app/app-core';
import { startedHidden } from '../core/app/autostart';
import { isAllowedAuthorize } from '../core/app/external-urls';
import type { AppLog } from '../core/app/log-file';
import { createDesktopNotifier } from '../core/monitor/desktop-notifier';
import type { TrayAction, TrayIcon } from '../core/tray/tray-model';
import { setAppMenu } from './app-menu';
import { AppWindow } from './app-window';
import { appClipboard } from './clipboard';
import { registerIpc } from './ipc';
import { applyLoginItem, openedAtLogin } from './login-item';
import { createAppNotifier } from './notifier';
import { TrayService } from './tray';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Binds the Electron-free app core (electron/core/app/app-core.ts) to Electron's tray, window, clipboard and shell. */
export async function startApp(appLog: AppLog): Promise<void> {
  const log = (line: string): void => { appLog.line(line); };
  /** Quit asked for (tray Quit, the OS): windows close for real. */
  let quitting = false;
  /** The session is ending: nothing may hold the quit up. */
  let shuttingDown = false;
  setAppMenu();

  const window = new AppWindow({
    preload: join(here, '../preload/index.cjs'),
    url: devServer() ?? pathToFileURL(join(here, '../renderer/index.html')).href,
    icon: appIconPath(),
    isQuitting: () => quitting,
    onPageLoading: () => { core.pageLoading(); },
    onSessionEnd: () => { endingSession(); },
    onHiddenFirstTime: () => {
      void core.notify({ title: 'Notion Token Vault is still running', body: 'It keeps watching your tokens from the tray. Quit from the tray menu.', urgency: 'normal', entryId: null });
    },
  });
  /** Titles of the notifications shown, for the real-Electron tests' hook. */
  const notified: string[] = [];
  const openEntry = (entryId: string | null): void => { core.present(entryId === null ? { view: 'list' } : { view: 'details', id: entryId }); };

  const core = createAppCore({
    clipboard: appClipboard(log),
    notifier: createAppNotifier({ icon: appIconPath(), onClick: openEntry, log, fallback: createDesktopNotifier(log, openEntry), onShown: (title) => { notified.push(title); } }),
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK: reached only through app:open-external, after isAllowedExternal
    openAuthorize: (url, privateUrl) => {
      // A packaged app opens https: only, whatever NOTION_API_BASE_URL says; dev and tests may open the emulator's http://127.0.0.1.
      if (!isAllowedAuthorize(url, app.isPackaged)) return Promise.reject(new Error('Notion\'s authorization page must be an https: address.'));
      // The browser gets a 0600 file:// page that forwards to url: its command line (and the state in url) is readable by every local user.
      return shell.openExternal(privateUrl()); // eng-disable OPEN_EXTERNAL_JS_CHECK: the page private-launch.ts wrote for the authorize URL the core built itself, which isAllowedAuthorize passed
    },
    show: () => { window.show(); },
    navigate: (target) => { window.navigate(target); },
    renderTray: (model) => { tray.render(model); },
    notifyWindow: () => { window.changed(); },
    loginItem: (openAtLogin) => { applyLoginItem(openAtLogin, log).catch((error: unknown) => { log(`launch at login: ${String(error)}`); }); },
    info: () => ({ loginItem: app.isPackaged ? 'os' : 'installed-app-only', logFile: appLog.path }),
    quit: () => {
      quitting = true;
      app.quit();
    },
    log,
  });
  const act = (action: TrayAction): void => { void core.act(action); };
  const tray = new TrayService({ iconPath: trayIconPath, onAction: act, onActivate: () => { window.show(); } });
  registerIpc(core.handlers, (event) => isTrusted(event, window.current), log);

  // A launch shows the window: on stock GNOME there is no tray at all, and Windows 11 puts new tray
  // icons in the overflow. A start at login stays in the tray.
  if (!startedHidden(process.argv, process.platform, openedAtLogin())) window.show();
  // Another launch (from a menu, a file manager, the command line) hands its argv to this instance.
  app.on('second-instance', (_event, argv) => { if (!startedHidden(argv, process.platform, false)) window.show(); });
  // macOS: a relaunch from Finder, Launchpad or Spotlight, or a Dock click, arrives as 'activate' only
  // (https://www.electronjs.org/docs/latest/api/app#event-activate-macos).
  app.on('activate', () => { window.show(); });
  app.on('window-all-closed', () => { /* the tray keeps the app alive */ });

  const endingSession = (): void => {
    shuttingDown = true;
    quitting = true;
    void core.clearClipboard();
  };
  // Linux and macOS say so here; Windows tells the window (window.ts).
  // https://www.electronjs.org/docs/latest/api/power-monitor#event-shutdown-linux-macos
  powerMonitor.on('shutdown', endingSession);
  app.on('before-quit', (event) => {
    quitting = true;
    // A pending clipboard clear dies with the process: do it first. Only then: a quit held up for
    // nothing reads as "the app refused to quit" at logout on macOS.
    if (shuttingDown || !core.clipboardPending()) return;
    event.preventDefault();
    void core.clearClipboard().finally(() => { app.quit(); });
  });
  powerMonitor.on('resume', () => { core.resume(); });
  app.on('will-quit', () => { void core.stop(); tray.destroy(); });

  const { firstPass } = await core.start();
  log(`started: log file ${appLog.path}`);
  await firstPass;
  // Playwright's _electron tests drive the tray through this; a packaged app never offers it.
  if (!app.isPackaged && process.env.NOTION_VAULT_TEST_HOOKS === '1') {
    Object.assign(globalThis, { notionVaultTest: { trayAction: act, trayClick: () => { tray.emitClick(); }, notifications: notified, logFile: appLog.path } });
  }
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

function appIconPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'build', 'icon.png');
}
