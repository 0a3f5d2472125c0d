import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { fake } from './state';

export class FakeMenuItem {
  readonly label: string;
  readonly role: MenuItemConstructorOptions['role'] | null;
  readonly type: NonNullable<MenuItemConstructorOptions['type']>;
  readonly enabled: boolean;
  readonly submenu: FakeMenu | null;

  constructor(readonly options: MenuItemConstructorOptions) {
    const submenu = options.submenu;
    this.submenu = submenu === undefined ? null : submenu instanceof FakeMenu ? submenu : FakeMenu.buildFromTemplate(submenu as MenuItemConstructorOptions[]);
    this.type = options.type ?? (this.submenu === null ? 'normal' : 'submenu');
    this.label = options.label ?? '';
    this.role = options.role ?? null;
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

  /** Windows and Linux: also every window's menu bar from now on (null: none); macOS: the menu bar's app menu. */
  static setApplicationMenu(menu: FakeMenu | null): void {
    fake.applicationMenu = menu;
  }

  static getApplicationMenu(): FakeMenu | null {
    return fake.applicationMenu ?? null;
  }

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
