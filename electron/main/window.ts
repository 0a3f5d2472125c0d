import { BrowserWindow, shell } from 'electron';
import { isAllowedExternal } from '../core/app/external-urls';

export interface WindowOptions {
  preload: string;
  /** The renderer: a file:// URL when built, the dev server's URL under `electron-vite dev`. */
  url: string;
  /** The window's icon on Linux and Windows (macOS takes the bundle's). */
  icon: string;
  /** Called the first time the window is closed to the tray, to tell the person it still runs. */
  onHiddenFirstTime: () => void;
  /** The page started (re)loading: it is not listening to main's events until it asks (view-requests.ts). */
  onPageLoading: () => void;
  /** Windows is ending the session (shutdown, restart, log off): nothing may hold the window open. */
  onSessionEnd: () => void;
  isQuitting: () => boolean;
}

/** The vault window: sandboxed, isolated, no Node, no navigation, no new windows; close hides it. */
export function createVaultWindow({ preload, url, icon, onHiddenFirstTime, onPageLoading, onSessionEnd, isQuitting }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK: every new window is denied (setWindowOpenHandler below), middle-click included
    width: 960,
    height: 680,
    show: false,
    title: 'Notion Token Vault',
    icon,
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK: sandboxed, isolated preload exposing only the typed contract (electron/preload)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  // Links to Notion open in the browser; nothing else leaves, and the window never navigates away.
  contents.setWindowOpenHandler(({ url: target }) => {
    if (isAllowedExternal(target)) void shell.openExternal(target); // eng-disable OPEN_EXTERNAL_JS_CHECK: https Notion URLs only
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => { event.preventDefault(); });
  contents.on('will-redirect', (event) => { event.preventDefault(); });
  contents.on('will-attach-webview', (event) => { event.preventDefault(); });
  contents.session.setPermissionRequestHandler((_contents, _permission, grant) => { grant(false); });

  contents.on('did-start-loading', onPageLoading);
  // On Windows, before-quit is not emitted at shutdown, restart or log off; the window is told instead
  // (https://www.electronjs.org/docs/latest/api/browser-window#event-query-session-end-windows, and the
  // note under app's before-quit). A close prevented then would hold up the session's end.
  window.on('query-session-end', onSessionEnd);
  window.on('session-end', onSessionEnd);

  let told = false;
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
    if (!told) {
      told = true;
      onHiddenFirstTime();
    }
  });
  void window.loadURL(url);
  return window;
}
