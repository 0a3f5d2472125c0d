import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { sameModel, type TrayAction, type TrayIcon, type TrayMenuItem, type TrayModel } from '../core/tray/tray-model';

export interface TrayFactories {
  /** The icon file for a state (PNG; `…Template.png` on macOS). */
  iconPath: (icon: TrayIcon) => string;
  onAction: (action: TrayAction) => void;
  /** A click on the icon itself: shows the window. */
  onActivate: () => void;
}

/** Renders the tray model with Electron's Tray and Menu, and only when it changed. */
export class TrayService {
  private tray: Tray | null = null;
  private shown: TrayModel | null = null;

  constructor(private readonly factories: TrayFactories) {}

  render(model: TrayModel): void {
    if (this.shown !== null && sameModel(this.shown, model)) return;
    const image = nativeImage.createFromPath(this.factories.iconPath(model.icon));
    if (this.tray === null) this.tray = this.create(image);
    else if (this.shown?.icon !== model.icon) this.tray.setImage(image);
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => this.toTemplate(item))));
    this.shown = model;
  }

  private create(image: Electron.NativeImage): Tray {
    const tray = new Tray(image);
    // Windows emits 'click' for a left click and opens the context menu on a right click; Linux emits it
    // for the desktop's activation of the item (often a left click); macOS opens the menu on any click
    // once one is set (https://www.electronjs.org/docs/latest/api/tray, Platform Considerations).
    tray.on('click', () => { this.factories.onActivate(); });
    return tray;
  }

  /** For the real-Electron tests: what a click on the icon sets off (the OS's click cannot be scripted). */
  emitClick(): void {
    this.tray?.emit('click');
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
    this.shown = null;
  }

  private toTemplate(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'label':
        return { label: literal(item.label), enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: literal(item.label), enabled: item.enabled ?? true, click: () => { this.factories.onAction(item.action); } };
      case 'submenu':
        return { label: literal(item.label), submenu: item.items.map((child) => this.toTemplate(child)) };
    }
  }
}

/** Electron reads `&` in a label as a mnemonic marker and hides it ("R&D" → "RD"); `&&` is a literal `&`. */
const literal = (label: string): string => label.replaceAll('&', '&&');
