import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { app } from './app';
import { PreventableEvent } from './events';
import type { FakeMenu } from './menu';
import { fake, nextSeq, platform, type SentEvent } from './state';

let nextContentsId = 1;

export type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

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
  private loading = false;
  /** How many times a page started loading (loadURL, reload). */
  loads = 0;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.sent.push({ channel, args: structuredClone(args), at: Date.now(), seq: nextSeq() });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** True from loadURL until 'did-finish-load', which comes a little later, as a real page load does. */
  isLoading(): boolean {
    return this.loading;
  }

  /** Like Electron: 'did-start-loading' and 'did-finish-load' come asynchronously. */
  startLoading(): void {
    this.loading = true;
    this.loads += 1;
    setImmediate(() => {
      if (this.destroyed) return;
      this.emit('did-start-loading');
      setImmediate(() => {
        if (this.destroyed) return;
        this.loading = false;
        this.emit('dom-ready');
        this.emit('did-finish-load');
      });
    });
  }

  /** Test: the person (or a crash recovery) reloads the page. */
  reload(): void {
    this.startLoading();
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
  /**
   * The menu bar: on Windows and Linux the application menu becomes each window's top menu
   * (https://www.electronjs.org/docs/latest/api/menu#menusetapplicationmenumenu); macOS windows have none.
   */
  readonly menuBar: FakeMenu | null;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private destroyed = false;
  /** How many times show()/focus()/hide()/restore() were called. */
  readonly calls = { show: 0, focus: 0, hide: 0, restore: 0 };

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.visible = options.show ?? true;
    this.menuBar = platform() === 'darwin' ? null : (fake.applicationMenu ?? null);
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
    this.webContents.startLoading();
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

  /** Test: the person minimizes it. */
  minimize(): void {
    this.alive();
    this.minimized = true;
    this.focused = false;
  }

  /** Test: another app takes the focus. */
  blur(): void {
    this.focused = false;
  }

  restore(): void {
    this.alive();
    this.calls.restore += 1;
    this.minimized = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isVisible(): boolean {
    return !this.destroyed && this.visible && !this.minimized;
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
