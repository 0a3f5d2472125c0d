import { EventEmitter } from 'node:events';
import { fake, type InvokeHandler } from './state';

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

export const shell = {
  openExternal(url: string, _options?: unknown): Promise<void> {
    fake.openedExternal.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
};

export const powerMonitor = new EventEmitter();
