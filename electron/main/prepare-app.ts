import { app } from 'electron';
import { join } from 'node:path';
import { APP_ID, appPaths } from '../core/app/app-paths';
import { createAppLog, type AppLog } from '../core/app/log-file';

/** What must happen before Electron is ready, in this order; returns the app's log. */
export function prepareApp(): AppLog {
  // First thing on Windows: toasts, taskbar grouping and pins belong to the installer's appId
  // (https://www.electronjs.org/docs/latest/tutorial/notifications#windows). The method exists on Windows only.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Chromium's files (Cookies, Cache, GPUCache, Local State) go to userData, and sessionData follows it
  // (https://www.electronjs.org/docs/latest/api/app#appgetpathname). Set before ready, and before the
  // single-instance lock, which Electron keeps in userData. The vault folder is never this one.
  // An explicit --user-data-dir (a second profile, the real-Electron tests) is kept, its log inside it.
  const explicit = app.commandLine.getSwitchValue('user-data-dir');
  const paths = explicit === '' ? appPaths() : { userData: explicit, logs: join(explicit, 'logs') };
  app.setPath('userData', paths.userData);
  app.setAppLogsPath(paths.logs);
  return createAppLog({ dir: app.getPath('logs') });
}
