import type { BrowserWindow } from 'electron';
import type { NavigateTarget } from '../common/ipc-contract';
import { sendEvent } from './ipc';
import { createVaultWindow, type WindowOptions } from './window';

/** The one vault window: created on first use, then shown, hidden and told things. */
export class AppWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly options: WindowOptions) {}

  /** Brings the window up (creating it if needed), in front, focused. */
  show(): void {
    this.window ??= createVaultWindow(this.options);
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  get current(): BrowserWindow | null {
    return this.window;
  }

  navigate(target: NavigateTarget): void {
    if (this.window) sendEvent(this.window.webContents, 'ui:navigate', target);
  }

  changed(): void {
    if (this.window) sendEvent(this.window.webContents, 'vault:changed');
  }
}
