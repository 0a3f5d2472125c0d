// A stand-in for the `electron` module, for running the real main process (out/main/index.js)
// under vitest where the Electron binary cannot start: `vi.mock('electron', () => import(…))`.
// It imitates only what electron/main uses, with Electron's shapes and the behaviours the main
// process relies on (preventable events, one ipcMain handler per channel, async clipboard), and
// records everything in `fake` for tests to read. Test-only helpers are marked "Test:".

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type {
  BrowserWindowConstructorOptions, HandlerDetails, MenuItem,
  MenuItemConstructorOptions, Settings as LoginItemSettings, WindowOpenHandlerResponse,
} from 'electron';

/** Electron's `Event`: listeners may call preventDefault(), the emitter then checks defaultPrevented. */
export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// ---------------------------------------------------------------------------
// Recorded state

export interface ClipboardWrite {
  text: string;
  /** Date.now() when written. */
  at: number;
  /** `app` for the main process's writeText, `user` for Test: fake.userCopies(). */
  by: 'app' | 'user';
}

export interface SentEvent {
  channel: string;
  args: unknown[];
}

/** What a handler registered with ipcMain.handle receives: Electron's IpcMainInvokeEvent, the parts main reads. */
export interface FakeInvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
  frameId?: number;
  processId?: number;
}

export type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

export const fake = {
  app: {
    /** What requestSingleInstanceLock() answers: false makes this the second instance. */
    lockGranted: true,
    lockRequests: 0,
    readyCalls: 0,
    quitCalls: 0,
    /** True once a quit ran to its end ('quit' emitted). */
    quitted: false,
    quitting: false,
    loginItemSettings: [] as LoginItemSettings[],
  },
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  menus: [] as FakeMenu[],
  /** Every path given to nativeImage.createFromPath, in order. */
  imagePaths: [] as string[],
  /** ipcMain.handle registrations by channel, and every channel ever registered (handle and on), in order. */
  ipcHandlers: new Map<string, InvokeHandler>(),
  ipcRegistrations: [] as string[],
  clipboard: { text: '', writes: [] as ClipboardWrite[], reads: [] as number[] },
  openedExternal: [] as string[],

  /** Test: the person copies something of their own. */
  userCopies(text: string): void {
    fake.clipboard.text = text;
    fake.clipboard.writes.push({ text, at: Date.now(), by: 'user' });
  },
  /** Test: another launch of the app, as Electron tells the first instance. */
  secondInstance(argv: string[] = ['electron', '.']): void {
    app.emit('second-instance', new PreventableEvent(), argv, process.cwd(), {});
  },
  /** Test: the system woke up, or another powerMonitor event. */
  emitPower(event: 'resume' | 'suspend' | 'unlock-screen'): void {
    powerMonitor.emit(event, new PreventableEvent());
  },
  /** Test: call an ipcMain.handle handler the way ipcRenderer.invoke would reach it. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = fake.ipcHandlers.get(channel);
    // Electron's own reply when nothing handles a channel.
    if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    // Arguments cross the process boundary with the structured clone algorithm, as they would.
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
};

/** Test: forget everything recorded and every listener, e.g. before loading the main entry again. */
export function resetFake(): void {
  Object.assign(fake.app, { lockGranted: true, lockRequests: 0, readyCalls: 0, quitCalls: 0, quitted: false, quitting: false, loginItemSettings: [] });
  fake.windows.length = 0;
  fake.trays.length = 0;
  fake.menus.length = 0;
  fake.imagePaths.length = 0;
  fake.ipcHandlers.clear();
  fake.ipcRegistrations.length = 0;
  fake.clipboard.text = '';
  fake.clipboard.writes.length = 0;
  fake.clipboard.reads.length = 0;
  fake.openedExternal.length = 0;
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  ipcMain.removeAllListeners();
}

// ---------------------------------------------------------------------------
// app

class FakeApp extends EventEmitter {
  readonly isPackaged = false;

  requestSingleInstanceLock(_additionalData?: Record<string, unknown>): boolean {
    fake.app.lockRequests += 1;
    return fake.app.lockGranted;
  }

  whenReady(): Promise<void> {
    fake.app.readyCalls += 1;
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }

  getAppPath(): string {
    return process.cwd();
  }

  getName(): string {
    return 'notion-token-vault';
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  setLoginItemSettings(settings: LoginItemSettings): void {
    fake.app.loginItemSettings.push(settings);
  }

  /**
   * Like Electron: asynchronously 'before-quit' (preventable), then every window is closed (a
   * window that prevents its close cancels the quit), then 'will-quit' (preventable), then 'quit'.
   */
  quit(): void {
    fake.app.quitCalls += 1;
    setImmediate(() => { this.runQuit(); });
  }

  private runQuit(): void {
    if (fake.app.quitting || fake.app.quitted) return;
    const before = new PreventableEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    fake.app.quitting = true;
    try {
      for (const window of fake.windows) window.close();
      if (fake.windows.some((w) => !w.isDestroyed())) return;
      const will = new PreventableEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return;
      fake.app.quitted = true;
      this.emit('quit', new PreventableEvent(), 0);
    } finally {
      fake.app.quitting = false;
    }
  }
}

export const app = new FakeApp();

// ---------------------------------------------------------------------------
// BrowserWindow, webContents, session

let nextContentsId = 1;

class FakeSession {
  permissionRequestHandler: PermissionHandler | null = null;

  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  /** Test: ask for a permission as a page would; resolves with what the handler granted. */
  requestPermission(contents: unknown, permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (handler === null) return Promise.resolve(true); // Electron grants by default
    return new Promise((resolve) => { handler(contents, permission, resolve, { requestingUrl: 'file:///' }); });
  }
}

export class FakeWebContents extends EventEmitter {
  /** Unique like Electron's, and never 0 so that a forged id of 0 is never ours by accident. */
  readonly id = nextContentsId++;
  readonly sent: SentEvent[] = [];
  readonly session = new FakeSession();
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.sent.push({ channel, args: structuredClone(args) });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The fake loads instantly. */
  isLoading(): boolean {
    return false;
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** Test: the page calls window.open(url) or follows a target=_blank link. Without a handler Electron allows. */
  openWindow(url: string): WindowOpenHandlerResponse {
    const details: HandlerDetails = { url, frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'strict-origin-when-cross-origin' } };
    return this.windowOpenHandler === null ? { action: 'allow' } : this.windowOpenHandler(details);
  }

  /** Test: emit a preventable navigation event ('will-navigate', 'will-redirect', 'will-attach-webview'); true if prevented. */
  emitPreventable(name: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview', url: string): boolean {
    const event = Object.assign(new PreventableEvent(), { url, isMainFrame: true, isSameDocument: false });
    if (name === 'will-attach-webview') this.emit(name, event, { preload: '' }, { src: url });
    else this.emit(name, event, url, false, true);
    return event.defaultPrevented;
  }

  /** Called by the window when it is destroyed. */
  markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  readonly loadedURLs: string[] = [];
  private visible: boolean;
  private focused = false;
  private destroyed = false;
  /** How many times show()/focus()/hide() were called. */
  readonly calls = { show: 0, focus: 0, hide: 0 };

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.visible = options.show ?? true;
    fake.windows.push(this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return fake.windows.filter((w) => !w.isDestroyed());
  }

  static getFocusedWindow(): FakeBrowserWindow | null {
    return fake.windows.find((w) => !w.isDestroyed() && w.isFocused()) ?? null;
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    this.loadedURLs.push(url);
    return Promise.resolve();
  }

  show(): void {
    this.alive();
    this.calls.show += 1;
    this.visible = true;
    this.focused = true;
    this.emit('show');
  }

  focus(): void {
    this.alive();
    this.calls.focus += 1;
    this.focused = true;
    this.emit('focus');
  }

  hide(): void {
    this.alive();
    this.calls.hide += 1;
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }

  restore(): void {
    this.alive();
  }

  isMinimized(): boolean {
    return false;
  }

  isVisible(): boolean {
    return !this.destroyed && this.visible;
  }

  isFocused(): boolean {
    return !this.destroyed && this.focused;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like Electron: 'close' (preventable); if not prevented the window is destroyed ('closed'). */
  close(): void {
    if (this.destroyed) return;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.focused = false;
    this.webContents.markDestroyed();
    this.emit('closed');
    if (!fake.app.quitting && fake.windows.every((w) => w.isDestroyed())) app.emit('window-all-closed');
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
}

export { FakeBrowserWindow as BrowserWindow };

// ---------------------------------------------------------------------------
// nativeImage, Tray, Menu

export class FakeNativeImage {
  constructor(readonly path: string) {}

  /** Electron's createFromPath gives an empty image when the file cannot be read. */
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path);
  }

  setTemplateImage(_option: boolean): void { /* macOS only */ }
}

export const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    fake.imagePaths.push(path);
    return new FakeNativeImage(path);
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage('');
  },
};

export class FakeTray extends EventEmitter {
  image: FakeNativeImage;
  /** Every image the tray showed, the constructor's first. */
  readonly images: FakeNativeImage[];
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  /** Every menu given to setContextMenu, in order. */
  readonly contextMenus: FakeMenu[] = [];
  private destroyed = false;

  constructor(image: FakeNativeImage | string, _guid?: string) {
    super();
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    this.images = [this.image];
    fake.trays.push(this);
  }

  setImage(image: FakeNativeImage | string): void {
    this.alive();
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    this.images.push(this.image);
  }

  setToolTip(toolTip: string): void {
    this.alive();
    this.toolTip = toolTip;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.alive();
    this.contextMenu = menu;
    if (menu !== null) this.contextMenus.push(menu);
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  private alive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
}

export { FakeTray as Tray };

export class FakeMenuItem {
  readonly label: string;
  readonly type: NonNullable<MenuItemConstructorOptions['type']>;
  readonly enabled: boolean;
  readonly submenu: FakeMenu | null;

  constructor(readonly options: MenuItemConstructorOptions) {
    const submenu = options.submenu;
    this.submenu = submenu === undefined ? null : submenu instanceof FakeMenu ? submenu : FakeMenu.buildFromTemplate(submenu as MenuItemConstructorOptions[]);
    this.type = options.type ?? (this.submenu === null ? 'normal' : 'submenu');
    this.label = options.label ?? '';
    this.enabled = options.enabled ?? true;
  }

  /** Test: the person clicks the item. Electron does not call click for disabled items. */
  click(): void {
    if (!this.enabled) throw new Error(`menu item "${this.label}" is disabled`);
    this.options.click?.(this as unknown as MenuItem, undefined, {});
  }
}

export class FakeMenu {
  readonly items: FakeMenuItem[];

  constructor(readonly template: MenuItemConstructorOptions[] = []) {
    this.items = template.map((options) => {
      if (options.type !== 'separator' && options.label === undefined && options.role === undefined) {
        throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
      }
      return new FakeMenuItem(options);
    });
  }

  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    const menu = new FakeMenu(template);
    fake.menus.push(menu);
    return menu;
  }

  static setApplicationMenu(_menu: FakeMenu | null): void { /* no app menu in a tray app */ }

  /** Test: the item with this label at this level, or undefined. */
  find(label: string): FakeMenuItem | undefined {
    return this.items.find((item) => item.label === label);
  }

  /** Test: the item with this label anywhere in the menu, depth first. */
  findDeep(label: string): FakeMenuItem | undefined {
    for (const item of this.items) {
      if (item.label === label) return item;
      const inner = item.submenu?.findDeep(label);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
}

export { FakeMenu as Menu, FakeMenuItem as MenuItem };

// ---------------------------------------------------------------------------
// ipcMain, clipboard, shell, powerMonitor

class FakeIpcMain extends EventEmitter {
  /** Like Electron: one handler per channel; a second registration throws. */
  handle(channel: string, handler: InvokeHandler): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
    fake.ipcRegistrations.push(channel);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    fake.ipcHandlers.delete(channel);
  }

  override on(channel: string | symbol, listener: (...args: unknown[]) => void): this {
    fake.ipcRegistrations.push(String(channel));
    return super.on(channel, listener);
  }
}

export const ipcMain = new FakeIpcMain();

/** Electron 45's clipboard: readText and writeText return promises. */
export const clipboard = {
  readText(_type?: 'selection' | 'clipboard'): Promise<string> {
    fake.clipboard.reads.push(Date.now());
    return Promise.resolve(fake.clipboard.text);
  },
  writeText(text: string, _type?: 'selection' | 'clipboard'): Promise<void> {
    fake.clipboard.text = text;
    fake.clipboard.writes.push({ text, at: Date.now(), by: 'app' });
    return Promise.resolve();
  },
  clear(_type?: 'selection' | 'clipboard'): void {
    fake.clipboard.text = '';
  },
};

export const shell = {
  openExternal(url: string, _options?: unknown): Promise<void> {
    fake.openedExternal.push(url);
    return Promise.resolve();
  },
};

export const powerMonitor = new EventEmitter();
