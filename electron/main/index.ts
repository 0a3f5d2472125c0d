import { app } from 'electron';
import { prepareApp } from './prepare-app';
import { reportFailedStart } from './failed-start';
import { startApp } from './start-app';

// Before ready: the AppUserModelID, Electron's own folders and the log file (prepare-app.ts).
// The single-instance lock lives in userData, so it is taken after userData is set.
const log = prepareApp();

// One app per user: a second launch hands its arguments to the first one and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => startApp(log)).catch((error: unknown) => { reportFailedStart(error, log); });
}
