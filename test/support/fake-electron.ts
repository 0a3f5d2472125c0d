// A stand-in for the `electron` module, for running the real main process (out/main/index.js)
// under vitest where the Electron binary cannot start: `vi.mock('electron', () => import(…))`.
// It imitates what electron/main uses, with Electron's shapes and the behaviour Electron documents
// for each OS (process.platform at call time; each rule cites its page in fake-electron/*.ts):
// preventable events, one ipcMain handler per channel, async clipboard, tray clicks, login items,
// the default menu, notifications. Everything is recorded in `fake` for tests to read.
// Test-only helpers are marked "Test:".

import { PreventableEvent } from './fake-electron/events';
import { app } from './fake-electron/app';
import { powerMonitor, ipcMain } from './fake-electron/services';
import { fake } from './fake-electron/state';

export { PreventableEvent } from './fake-electron/events';
export { app } from './fake-electron/app';
export { FakeBrowserWindow, FakeBrowserWindow as BrowserWindow, FakeWebContents } from './fake-electron/window';
export { FakeMenu, FakeMenu as Menu, FakeMenuItem, FakeMenuItem as MenuItem } from './fake-electron/menu';
export { FakeTray, FakeTray as Tray, FakeNativeImage, nativeImage } from './fake-electron/tray';
export { FakeNotification, FakeNotification as Notification } from './fake-electron/notification';
export { FakeClipboardItem as ClipboardItem, clipboard } from './fake-electron/clipboard';
export { dialog, ipcMain, powerMonitor, shell } from './fake-electron/services';
export { fake, type ClipboardWrite, type FakeInvokeEvent, type InvokeHandler, type SentEvent } from './fake-electron/state';

/** Test: the person copies something of their own. */
export function userCopies(text: string): void {
  fake.clipboard.text = text;
  fake.clipboard.formats = { 'text/plain': text };
  fake.clipboard.writes.push({ text, at: Date.now(), by: 'user', formats: { 'text/plain': text } });
}

/** Test: another launch of the app, as Electron tells the first instance (its argv included). */
export function secondInstance(argv: string[] = ['electron', '.']): void {
  app.emit('second-instance', new PreventableEvent(), argv, process.cwd(), {});
}

/**
 * Test: the person launches the app again from the desktop (Finder, Launchpad, Spotlight, the Dock;
 * a menu or a shortcut elsewhere). macOS re-activates the running app: 'activate', no second process
 * (https://www.electronjs.org/docs/latest/api/app#event-activate-macos); elsewhere a second process
 * starts and the first gets 'second-instance'.
 */
export function relaunch(): void {
  if (process.platform === 'darwin') app.emit('activate', new PreventableEvent(), false);
  else secondInstance();
}

/** Test: a powerMonitor event ('resume', 'suspend', 'shutdown' on Linux and macOS). */
export function emitPower(event: 'resume' | 'suspend' | 'unlock-screen' | 'shutdown'): PreventableEvent {
  const e = new PreventableEvent();
  powerMonitor.emit(event, e);
  return e;
}

/** Test: call an ipcMain.handle handler the way ipcRenderer.invoke would reach it. */
export async function invoke(channel: string, event: import('./fake-electron/state').FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  // Electron's own reply when nothing handles a channel.
  if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  // Arguments cross the process boundary with the structured clone algorithm, as they would.
  return structuredClone(await handler(event, ...structuredClone(args)));
}

/** Test: forget everything recorded and every listener, e.g. before loading the main entry again. */
export function resetFake(): void {
  Object.assign(fake.app, {
    lockGranted: true, lockRequests: 0, lockDirs: [], readyCalls: 0, quitCalls: 0, exits: [], quitted: false, quitting: false, quitsHeld: 0,
    packaged: false, loginItemSettings: [], loginItemIgnored: 0, wasOpenedAtLogin: false, appUserModelIds: [], calls: [], logsPath: null,
  });
  fake.app.paths.clear();
  fake.app.switches.clear();
  fake.windows.length = 0;
  fake.trays.length = 0;
  fake.menus.length = 0;
  fake.applicationMenu = undefined;
  fake.defaultMenuInstalled = false;
  fake.notifications.supported = true;
  fake.notifications.shown.length = 0;
  fake.errorBoxes.length = 0;
  fake.imagePaths.length = 0;
  fake.ipcHandlers.clear();
  fake.ipcRegistrations.length = 0;
  Object.assign(fake.clipboard, { text: '', formats: {} });
  fake.clipboard.writes.length = 0;
  fake.clipboard.reads.length = 0;
  fake.openedExternal.length = 0;
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  ipcMain.removeAllListeners();
}
