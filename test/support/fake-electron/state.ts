// What the fake `electron` records, for tests to read, and the per-platform rules it follows.
// The platform is process.platform at call time: a test sets it (Object.defineProperty) before it
// loads the main entry, and the fake behaves as Electron documents for that OS.

import type { Settings as LoginItemSettings } from 'electron';
import pkg from '../../../package.json' with { type: 'json' };
import type { FakeBrowserWindow } from './window';
import type { FakeMenu } from './menu';
import type { FakeNotification } from './notification';
import type { FakeTray } from './tray';

export interface ClipboardWrite {
  text: string;
  /** Date.now() when written. */
  at: number;
  /** `app` for the main process, `user` for Test: fake.userCopies(). */
  by: 'app' | 'user';
  /** Every MIME type / raw format written with it (clipboard.write), `text/plain` included. */
  formats: Record<string, string>;
  /** True when the platform dropped it (Wayland, no focused window): the clipboard did not change. */
  dropped?: boolean;
}

export interface SentEvent {
  channel: string;
  args: unknown[];
  /** Date.now() and a running number, so a test can tell what was sent before a page listened. */
  at: number;
  seq: number;
}

/** What a handler registered with ipcMain.handle receives: Electron's IpcMainInvokeEvent, the parts main reads. */
export interface FakeInvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
  frameId?: number;
  processId?: number;
}

export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export const platform = (): NodeJS.Platform => process.platform;

let sequence = 0;
export const nextSeq = (): number => ++sequence;

export const fake = {
  app: {
    /** What requestSingleInstanceLock() answers: false makes this the second instance. */
    lockGranted: true,
    lockRequests: 0,
    /** userData when the lock was requested: Electron keeps the lock there. */
    lockDirs: [] as string[],
    readyCalls: 0,
    quitCalls: 0,
    /** Codes given to app.exit(). */
    exits: [] as number[],
    /** True once a quit ran to its end ('quit' emitted). */
    quitted: false,
    quitting: false,
    /** How many before-quit events were prevented (a quit held up). */
    quitsHeld: 0,
    packaged: false,
    /** Login item settings that took effect (macOS, Windows). */
    loginItemSettings: [] as LoginItemSettings[],
    /** Calls to setLoginItemSettings that Electron ignores (Linux: shell/browser/browser_linux.cc). */
    loginItemIgnored: 0,
    /** macOS: getLoginItemSettings().wasOpenedAtLogin. */
    wasOpenedAtLogin: false,
    appUserModelIds: [] as string[],
    /** app.setPath calls, and the order of notable calls (setAppUserModelId, setPath, requestSingleInstanceLock, whenReady). */
    paths: new Map<string, string>(),
    calls: [] as string[],
    logsPath: null as string | null,
    switches: new Map<string, string>(),
    /** app.getName(): the package name, as Electron reads it from package.json in a development run. */
    name: pkg.name,
  },
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  menus: [] as FakeMenu[],
  /** Menu.setApplicationMenu: undefined while never set (Electron then installs its default menu at launch). */
  applicationMenu: undefined as FakeMenu | null | undefined,
  /** Whether the default menu (Reload, Toggle Developer Tools…) was installed, as Electron does when the app set none. */
  defaultMenuInstalled: false,
  notifications: { supported: true, shown: [] as FakeNotification[] },
  errorBoxes: [] as { title: string; content: string }[],
  /** Every path given to nativeImage.createFromPath, in order. */
  imagePaths: [] as string[],
  /** ipcMain.handle registrations by channel, and every channel ever registered (handle and on), in order. */
  ipcHandlers: new Map<string, InvokeHandler>(),
  ipcRegistrations: [] as string[],
  clipboard: { text: '', formats: {} as Record<string, string>, writes: [] as ClipboardWrite[], reads: [] as number[] },
  openedExternal: [] as string[],
};

/** Electron's appData default per OS (https://www.electronjs.org/docs/latest/api/app#appgetpathname). */
export function defaultAppData(): string {
  const home = process.env.HOME ?? '/home/test';
  if (platform() === 'win32') return process.env.APPDATA ?? `${home}/AppData/Roaming`;
  if (platform() === 'darwin') return `${home}/Library/Application Support`;
  return process.env.XDG_CONFIG_HOME ?? `${home}/.config`;
}
