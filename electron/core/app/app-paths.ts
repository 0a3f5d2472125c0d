import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { dataDir, xdgConfigHome } from '../paths';

// Where the desktop app keeps what is not the vault: Chromium's own files (Electron's userData:
// Cookies, Cache, GPUCache, Local State) and its log file. Shared by main, which hands these to
// Electron before it starts, and by `doctor`, which prints where the log is.

type Env = Readonly<Record<string, string | undefined>>;

/** The installed app's name (package.json build.productName): the folder packaged Electron apps use. */
export const PRODUCT_NAME = 'Notion Token Vault';
/** package.json build.appId: the Windows AppUserModelID, so toasts, taskbar and pins match the installer. */
export const APP_ID = 'dev.notion-token-vault.app';

/** The log file's name in the logs folder. */
export const APP_LOG_FILE = 'main.log';

export interface AppPaths {
  /** Electron's userData (and so sessionData): Chromium's files, never the vault folder. */
  userData: string;
  /** Electron's logs folder (app.setAppLogsPath); the log file is `main.log` in it. */
  logs: string;
}

/** Electron's appData default: https://www.electronjs.org/docs/latest/api/app#appgetpathname */
export function appDataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return xdgConfigHome(env, home);
}

export function appPaths(env: Env = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): AppPaths {
  const appData = appDataDir(env, platform, home);
  const vault = resolve(dataDir(env, platform));
  let userData = join(appData, PRODUCT_NAME);
  // The vault must never sit in (or be) the folder Chromium writes to and an uninstaller may delete.
  if (within(vault, userData, platform)) userData = join(appData, `${PRODUCT_NAME} (app data)`);
  // Electron's own default for logs: ~/Library/Logs/<name> on macOS, inside userData elsewhere
  // (https://www.electronjs.org/docs/latest/api/app#appsetapplogspathpath); set explicitly so doctor agrees.
  const logs = platform === 'darwin' ? join(home, 'Library', 'Logs', PRODUCT_NAME) : join(userData, 'logs');
  return { userData, logs };
}

/** `inner` is `outer` or inside it; case-insensitively where the file system usually is (macOS, Windows). */
function within(inner: string, outer: string, platform: NodeJS.Platform): boolean {
  const fold = (path: string): string => (platform === 'linux' ? path : path.toLowerCase());
  const rel = relative(fold(resolve(outer)), fold(resolve(inner)));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
