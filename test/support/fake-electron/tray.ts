import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { FakeMenu } from './menu';
import { fake, platform } from './state';

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

/**
 * Electron's Tray, with what a click does on each OS (https://www.electronjs.org/docs/latest/api/tray,
 * and shell/browser/ui/win/notify_icon.cc, tray_icon_cocoa.mm):
 * - Windows: a left click emits 'click'; a right click opens the context menu.
 * - macOS: once a context menu is set, any click opens it and 'click' is not emitted.
 * - Linux (StatusNotifierItem): the desktop's activation of the item emits 'click'; the menu opens on its own gesture.
 */
export class FakeTray extends EventEmitter {
  image: FakeNativeImage;
  /** Every image the tray showed, the constructor's first. */
  readonly images: FakeNativeImage[];
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  /** Every menu given to setContextMenu, in order. */
  readonly contextMenus: FakeMenu[] = [];
  /** How many times the platform popped the context menu up in response to a click. */
  menuOpened = 0;
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

  /** Test: the person left-clicks the icon (on Linux: the desktop activates the item). */
  leftClick(): void {
    this.alive();
    if (platform() === 'darwin' && this.contextMenu !== null) this.menuOpened += 1;
    else this.emit('click', { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }, { x: 0, y: 0, width: 16, height: 16 }, { x: 0, y: 0 });
  }

  /** Test: the person right-clicks the icon: the context menu opens where there is one. */
  rightClick(): void {
    this.alive();
    if (this.contextMenu !== null) this.menuOpened += 1;
    else if (platform() !== 'linux') this.emit('right-click', {}, { x: 0, y: 0, width: 16, height: 16 });
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
