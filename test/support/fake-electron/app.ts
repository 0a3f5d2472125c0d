import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Settings as LoginItemSettings } from 'electron';
import { PreventableEvent } from './events';
import { FakeMenu } from './menu';
import { defaultAppData, fake, platform } from './state';

/** Electron's app, for the parts main uses, per platform as Electron documents them. */
class FakeApp extends EventEmitter {
  get isPackaged(): boolean {
    return fake.app.packaged;
  }

  readonly commandLine = {
    getSwitchValue: (name: string): string => fake.app.switches.get(name) ?? '',
    hasSwitch: (name: string): boolean => fake.app.switches.has(name),
    appendSwitch: (name: string, value = ''): void => { fake.app.switches.set(name, value); },
  };

  requestSingleInstanceLock(_additionalData?: Record<string, unknown>): boolean {
    fake.app.lockRequests += 1;
    fake.app.calls.push('requestSingleInstanceLock');
    fake.app.lockDirs.push(this.getPath('userData'));
    return fake.app.lockGranted;
  }

  /** Electron installs its default application menu at launch unless the app set one first (lib/browser/default-menu.ts). */
  whenReady(): Promise<void> {
    fake.app.readyCalls += 1;
    fake.app.calls.push('whenReady');
    if (fake.applicationMenu === undefined) {
      fake.applicationMenu = FakeMenu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]);
      fake.defaultMenuInstalled = true;
    }
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }

  getAppPath(): string {
    return process.cwd();
  }

  getName(): string {
    return fake.app.name;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  /** userData defaults to appData + the app's name; logs to ~/Library/Logs/<name> on macOS, userData/logs elsewhere. */
  getPath(name: string): string {
    const set = fake.app.paths.get(name);
    if (set !== undefined) return set;
    switch (name) {
      case 'appData': return defaultAppData();
      case 'userData': return join(defaultAppData(), this.getName());
      case 'sessionData': return this.getPath('userData');
      case 'logs': return fake.app.logsPath ?? (platform() === 'darwin' ? join(process.env.HOME ?? '', 'Library', 'Logs', this.getName()) : join(this.getPath('userData'), 'logs'));
      case 'temp': return process.env.TMPDIR ?? '/tmp';
      default: throw new Error(`Failed to get '${name}' path`);
    }
  }

  setPath(name: string, path: string): void {
    fake.app.calls.push(`setPath:${name}`);
    fake.app.paths.set(name, path);
  }

  setAppLogsPath(path?: string): void {
    fake.app.calls.push('setAppLogsPath');
    fake.app.logsPath = path ?? null;
  }

  /** Windows only: the method does not exist elsewhere (shell/browser/api/electron_api_app.cc). */
  get setAppUserModelId(): ((id: string) => void) | undefined {
    if (platform() !== 'win32') return undefined;
    return (id: string) => {
      fake.app.calls.push('setAppUserModelId');
      fake.app.appUserModelIds.push(id);
    };
  }

  /** macOS and Windows; on Linux Electron accepts the call and does nothing (shell/browser/browser_linux.cc). */
  setLoginItemSettings(settings: LoginItemSettings): void {
    if (platform() === 'linux') fake.app.loginItemIgnored += 1;
    else fake.app.loginItemSettings.push(settings);
  }

  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    const last = fake.app.loginItemSettings.at(-1);
    return { openAtLogin: last?.openAtLogin ?? false, wasOpenedAtLogin: platform() === 'darwin' && fake.app.wasOpenedAtLogin };
  }

  exit(code = 0): void {
    fake.app.exits.push(code);
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
    if (before.defaultPrevented) {
      fake.app.quitsHeld += 1;
      return;
    }
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
