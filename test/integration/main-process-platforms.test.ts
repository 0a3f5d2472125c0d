// The built main process (out/main/index.js) as it launches on Linux, macOS and Windows, against
// the fake `electron` (test/support/fake-electron.ts), which behaves as Electron documents for the
// platform in process.platform: tray clicks, `activate`, login items, the default menu, the
// AppUserModelID, notifications, the clipboard on Wayland. Everything else is real: the vault
// folder, the keychain (with-keyring.sh), the Notion API emulator and the CLI.
// Each platform gets launches of its own: by hand, at login, and the ones a feature needs.

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope, NavigateTarget } from '../../electron/common/ipc-contract';
import { APP_ID, PRODUCT_NAME } from '../../electron/core/app/app-paths';
import type { TrayAction } from '../../electron/core/tray/tray-model';
import { fakeToken, makeVaultEnv, runCli, type VaultEnv } from '../support/cli';
import { PreventableEvent, app, emitPower, fake, invoke, relaunch, resetFake, secondInstance, type FakeBrowserWindow } from '../support/fake-electron';
import { installFakeNotifySend } from '../support/fake-notify-send';
import { useSharedEmulator } from '../support/shared-emulator';
import { MAIN_ENTRY, RENDERER_URL, onlyTray, theWindow, trustedEvent } from '../support/main-process';
import { settle, until } from '../support/until';

vi.mock('electron', () => import('../support/fake-electron'));

const notion = useSharedEmulator();
const PLATFORMS = ['linux', 'darwin', 'win32'] as const;
type Platform = (typeof PLATFORMS)[number];
const realPlatform = process.platform;
const savedEnv = { ...process.env };
const savedArgv = [...process.argv];
let launches = 0;

interface TestHooks { trayAction: (action: TrayAction) => void }
const hooks = (): TestHooks | undefined => (globalThis as { notionVaultTest?: TestHooks }).notionVaultTest;

interface LaunchOptions {
  /** Extra argv, as the OS passes it (`--hidden` from a login entry). */
  argv?: string[];
  env?: Record<string, string>;
  packaged?: boolean;
  /** macOS: the launch came from the login item. */
  atLogin?: boolean;
  notificationsSupported?: boolean;
  /** Wait for the start to finish (the test hooks appear last). */
  started?: boolean;
}

interface Launched {
  vault: VaultEnv;
  config: string;
  home: string;
  ids: Record<string, string>;
  tokens: Record<string, string>;
}

/** A vault with one internal integration and one PAT 10 days from expiry, made by the CLI. */
async function makeVault(): Promise<Launched> {
  const vault = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
  const tokens: Record<string, string> = { 'acme-bot': fakeToken(), 'acme-pat': fakeToken() };
  notion().setToken(tokens['acme-bot'] ?? '', { identity: 'internal', workspaceName: 'Acme' });
  notion().setToken(tokens['acme-pat'] ?? '', { identity: 'pat-person', workspaceName: null });
  const add = async (args: string[], token: string): Promise<void> => {
    const r = await runCli(['add', ...args], { env: vault.env, input: `${token}\n` });
    if (r.code !== 0) throw new Error(`add exited ${String(r.code)}: ${r.stderr}`);
  };
  await add(['--name', 'acme-bot'], tokens['acme-bot'] ?? '');
  const day = 86_400_000;
  // The expiry as a time, not a day: a day would leave 9 days and some hours in the first hour after midnight UTC.
  await add(['--name', 'acme-pat', '--kind', 'pat', '--workspace', 'Acme', '--created', new Date(Date.now() - 20 * day).toISOString().slice(0, 10), '--expires', new Date(Date.now() + 10 * day - 3_600_000).toISOString()], tokens['acme-pat'] ?? '');
  const doc = JSON.parse(readFileSync(join(vault.home, 'vault.json'), 'utf8')) as { entries: { id: string; name: string }[]; settings?: object };
  writeFileSync(join(vault.home, 'vault.json'), `${JSON.stringify({ ...doc, settings: { ...doc.settings, clipboardClearSeconds: 1 } }, null, 2)}\n`);
  const ids = Object.fromEntries(doc.entries.map((e) => [e.name, e.id]));
  return { vault, config: `${vault.home}-config`, home: `${vault.home}-home`, ids, tokens };
}

/** Loads the main entry afresh, as `platform` would start it. */
async function launch(platform: Platform, world: Launched, options: LaunchOptions = {}): Promise<void> {
  stopApp();
  resetFake();
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) Reflect.deleteProperty(process.env, key);
  Object.assign(process.env, savedEnv, world.vault.env, {
    NOTION_VAULT_TEST_HOOKS: '1', XDG_CONFIG_HOME: world.config, HOME: world.home, APPDATA: join(world.home, 'AppData', 'Roaming'),
  }, options.env ?? {});
  delete process.env.WAYLAND_DISPLAY;
  if (options.env?.WAYLAND_DISPLAY !== undefined) process.env.WAYLAND_DISPLAY = options.env.WAYLAND_DISPLAY;
  process.argv.splice(0, process.argv.length, ...savedArgv, ...(options.argv ?? []));
  fake.app.packaged = options.packaged ?? false;
  fake.app.wasOpenedAtLogin = options.atLogin ?? false;
  fake.notifications.supported = options.notificationsSupported ?? true;
  Reflect.deleteProperty(globalThis, 'notionVaultTest');
  launches += 1;
  await import(`${pathToFileURL(MAIN_ENTRY).href}?launch=${String(launches)}`);
  if (options.started ?? true) {
    await until('the main process to start', () => hooks() ?? (fake.errorBoxes.length > 0 && new Error(fake.errorBoxes[0]?.content)), 10_000).then((r) => { if (r instanceof Error) throw r; });
  }
}

/** Stops the running instance's watchers and timers, as its will-quit does. */
function stopApp(): void {
  if (fake.app.readyCalls > 0 && !fake.app.quitted) app.emit('will-quit', new PreventableEvent());
}


async function callOk(channel: string, ...args: unknown[]): Promise<unknown> {
  const reply = (await invoke(channel, trustedEvent(), ...args)) as Envelope<unknown>;
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.message}`);
  return reply.value;
}

/**
 * The renderer as renderer/app.tsx behaves: it subscribes to ui:navigate after its first render
 * and then asks main for the view requested meanwhile. Events sent before it mounted are lost.
 */
class FakePage {
  private mountedSeq = Number.POSITIVE_INFINITY;
  private pending: NavigateTarget | null = null;

  constructor(private readonly window: FakeBrowserWindow) {}

  async mount(): Promise<void> {
    await until('the page to load', () => !this.window.webContents.isLoading());
    this.mountedSeq = this.window.webContents.sent.at(-1)?.seq ?? 0;
    this.pending = (await callOk('app:pending-view')) as NavigateTarget | null;
  }

  /** Where the page is: the last request it heard, or its first view. */
  view(): NavigateTarget {
    const heard = this.window.webContents.sent.filter((e) => e.channel === 'ui:navigate' && e.seq > this.mountedSeq).map((e) => e.args[0] as NavigateTarget);
    return heard.at(-1) ?? this.pending ?? { view: 'list' };
  }
}

function hideWindow(): FakeBrowserWindow {
  const window = theWindow();
  window.hide();
  expect(window.isVisible()).toBe(false);
  return window;
}

afterAll(() => {
  stopApp();
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) Reflect.deleteProperty(process.env, key);
  Object.assign(process.env, savedEnv);
  process.argv.splice(0, process.argv.length, ...savedArgv);
  Reflect.deleteProperty(globalThis, 'notionVaultTest');
});

describe.each(PLATFORMS)('the desktop app on %s', (platform) => {
  let world: Launched;
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    world = await makeVault();
  });
  // The fake reads process.platform when called: the app's timers and the test's clicks alike.
  beforeEach(() => { Object.defineProperty(process, 'platform', { value: platform, configurable: true }); });
  afterAll(() => {
    vi.restoreAllMocks();
    Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  });

  it('a launch by hand shows the window, with no default menu bar; macOS keeps an app and an Edit menu', async () => {
    await launch(platform, world);
    const window = theWindow();
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    expect(window.loadedURLs).toEqual([RENDERER_URL]);
    // Electron installed its default menu at launch; the app replaced it.
    expect(fake.defaultMenuInstalled).toBe(true);
    if (platform === 'darwin') {
      expect(fake.applicationMenu?.items.map((i) => i.role)).toEqual(['appMenu', 'editMenu']);
    } else {
      expect(fake.applicationMenu).toBeNull();
      expect(window.menuBar).toBeNull();
    }
  });

  it(platform === 'win32' ? 'sets the installer\'s AppUserModelID first thing' : 'has no AppUserModelID to set', () => {
    expect(fake.app.appUserModelIds).toEqual(platform === 'win32' ? [APP_ID] : []);
    if (platform === 'win32') expect(fake.app.calls[0]).toBe('setAppUserModelId');
  });

  it('keeps Chromium\'s files and the log out of the vault folder, and takes the single-instance lock there', () => {
    const userData = app.getPath('userData');
    expect(userData).not.toBe(world.vault.home);
    expect(userData.endsWith(PRODUCT_NAME)).toBe(true);
    expect(fake.app.calls.indexOf('setPath:userData')).toBeLessThan(fake.app.calls.indexOf('requestSingleInstanceLock'));
    expect(fake.app.lockDirs).toEqual([userData]);
    const logFile = join(app.getPath('logs'), 'main.log');
    expect(readFileSync(logFile, 'utf8')).toContain('started: log file');
    expect(logFile.startsWith(`${world.vault.home}${sep}`)).toBe(false);
  });

  it('doctor prints where the app\'s log is', async () => {
    const env = { ...world.vault.env, XDG_CONFIG_HOME: world.config, HOME: world.home };
    if (platform !== 'linux') return; // the CLI runs as what this machine is: Linux
    const r = await runCli(['doctor'], { env });
    expect(r.stdout).toContain(`app log    ${join(app.getPath('logs'), 'main.log')}`);
  });

  it(platform === 'darwin' ? 'a tray click opens the menu (macOS has no click once a menu is set); the menu\'s Open vault… shows the window' : 'a tray click shows the window; a right click opens the menu and leaves it hidden', () => {
    const window = hideWindow();
    const tray = onlyTray();
    tray.rightClick();
    expect(tray.menuOpened).toBe(1);
    expect(window.isVisible()).toBe(false);
    tray.leftClick();
    if (platform === 'darwin') {
      expect(tray.menuOpened).toBe(2);
      expect(window.isVisible()).toBe(false);
      tray.contextMenu?.find('Open vault…')?.click();
    }
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    expect(fake.windows).toHaveLength(1);
  });

  it(`a relaunch from the desktop shows the window (${platform === 'darwin' ? 'activate' : 'second-instance'}), a minimized one too; a login start while running does not`, () => {
    const window = hideWindow();
    relaunch();
    expect(window.isVisible()).toBe(true);
    window.minimize();
    relaunch();
    expect(window.isVisible()).toBe(true);
    expect(window.calls.restore).toBeGreaterThan(0);
    hideWindow();
    secondInstance(['electron', '.', '--hidden']);
    expect(window.isVisible()).toBe(false);
    expect(fake.windows).toHaveLength(1);
  });

  it('copies a token with the platform\'s "concealed, keep out of history" hint', async () => {
    hooks()?.trayAction({ type: 'copy', entryId: world.ids['acme-bot'] ?? '' });
    const write = await until('the copy', () => fake.clipboard.writes.find((w) => w.text === world.tokens['acme-bot']));
    const hint = { linux: 'x-kde-passwordManagerHint', darwin: 'org.nspasteboard.ConcealedType', win32: 'ExcludeClipboardContentFromMonitorProcessing' }[platform];
    expect(Object.keys(write.formats)).toEqual(['text/plain', `electron application/osclipboard;format="${hint}"`]);
    await until('the clear', () => fake.clipboard.text === '', 4_000);
  });

  it('a development run registers nothing for launch at login, and says the setting applies to the installed app', async () => {
    await callOk('settings:set', { launchAtLogin: true });
    await settle();
    expect(fake.app.loginItemSettings).toEqual([]);
    expect(existsSync(join(world.config, 'autostart', 'notion-token-vault.desktop'))).toBe(false);
    expect(await callOk('app:info')).toEqual({ loginItem: 'installed-app-only', logFile: join(app.getPath('logs'), 'main.log'), now: expect.any(String) as unknown });
    await callOk('settings:set', { launchAtLogin: false });
  });

  it('Quit is not held up when no clipboard clear is pending', async () => {
    await settle();
    hooks()?.trayAction({ type: 'quit' });
    await until('the app to quit', () => fake.app.quitted);
    expect(fake.app.quitsHeld).toBe(0);
  });

  it(platform === 'linux' ? 'packaged: launch at login writes and removes the XDG autostart entry (the AppImage\'s own path from an AppImage)' : 'packaged: launch at login registers a login item', async () => {
    const resources = join(world.home, 'resources');
    mkdirSync(resources, { recursive: true });
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
    const appImage = { APPIMAGE: '/opt/apps/Notion Token Vault.AppImage', APPDIR: dirname(process.execPath) };
    await launch(platform, world, { packaged: true, env: platform === 'linux' ? appImage : {}, started: false });
    // A packaged app offers no test hooks: it is up once its tray is.
    await until('the packaged app\'s tray', () => fake.trays.length > 0, 10_000);
    await settle();
    expect(hooks()).toBeUndefined();
    const entry = join(world.config, 'autostart', 'notion-token-vault.desktop');
    await callOk('settings:set', { launchAtLogin: true });
    expect(await callOk('app:info')).toMatchObject({ loginItem: 'os' });
    if (platform === 'linux') {
      const text = await until('the autostart entry', () => existsSync(entry) && readFileSync(entry, 'utf8'));
      expect(text).toContain('Exec="/opt/apps/Notion Token Vault.AppImage" --hidden');
      expect(fake.app.loginItemIgnored).toBe(0);
      await callOk('settings:set', { launchAtLogin: false });
      await until('the entry to go', () => !existsSync(entry));
    } else {
      await settle();
      expect(fake.app.loginItemSettings.at(-1)).toEqual({ openAtLogin: true, args: platform === 'win32' ? ['--hidden'] : [] });
      await callOk('settings:set', { launchAtLogin: false });
      await settle();
      expect(fake.app.loginItemSettings.at(-1)).toEqual({ openAtLogin: false, args: platform === 'win32' ? ['--hidden'] : [] });
      expect(existsSync(entry)).toBe(false);
    }
  });

  it(`a start at login (${platform === 'darwin' ? 'wasOpenedAtLogin' : '--hidden'}) stays in the tray; the expiry notification is Electron's, and its click opens the entry`, async () => {
    // A vault of its own: the first launch above announced this expiry already (once per threshold).
    world = await makeVault();
    await launch(platform, world, platform === 'darwin' ? { atLogin: true } : { argv: ['--hidden'] });
    expect(fake.windows).toEqual([]);
    expect(onlyTray().contextMenu).not.toBeNull();
    const notice = await until('the expiry notification', () => fake.notifications.shown.find((n) => n.title.includes('expires in 10 days')));
    expect(notice.options.icon).toBe(resolve('build/icon.png'));
    notice.click();
    const window = theWindow();
    expect(window.isVisible()).toBe(true);
    // The page was still loading when the click came: it asks once it has mounted, and lands there.
    const page = new FakePage(window);
    await page.mount();
    expect(page.view()).toEqual({ view: 'details', id: world.ids['acme-pat'] });
  });

  it('tray navigation after the page mounted reaches it; during a reload it waits for the page to ask', async () => {
    const window = theWindow();
    const page = new FakePage(window);
    await page.mount(); // again: nothing is pending now
    expect(page.view()).toEqual({ view: 'list' });
    hooks()?.trayAction({ type: 'settings' });
    expect(page.view()).toEqual({ view: 'settings' });
    window.webContents.reload();
    await until('the reload to start', () => window.webContents.loads === 2);
    await settle();
    hooks()?.trayAction({ type: 'add' });
    const reloaded = new FakePage(window);
    await reloaded.mount();
    expect(reloaded.view()).toEqual({ view: 'add' });
  });

  it(`Quit waits for a pending clipboard clear, but not when the session ends (${platform === 'win32' ? 'session-end' : 'powerMonitor shutdown'})`, async () => {
    hooks()?.trayAction({ type: 'copy', entryId: world.ids['acme-bot'] ?? '' });
    await until('the copy', () => fake.clipboard.text === world.tokens['acme-bot']);
    hooks()?.trayAction({ type: 'quit' });
    await until('the app to quit', () => fake.app.quitted);
    expect(fake.app.quitsHeld).toBe(1);
    expect(fake.clipboard.text).toBe('');

    await launch(platform, world, { argv: ['--hidden'] });
    hooks()?.trayAction({ type: 'open' });
    hooks()?.trayAction({ type: 'copy', entryId: world.ids['acme-bot'] ?? '' });
    await until('the copy', () => fake.clipboard.text === world.tokens['acme-bot']);
    if (platform === 'win32') {
      // Windows: no before-quit at shutdown; the windows are told, then closed.
      const window = theWindow();
      window.emit('query-session-end', new PreventableEvent());
      window.emit('session-end', new PreventableEvent());
      window.close();
      expect(window.isDestroyed()).toBe(true);
    } else {
      expect(emitPower('shutdown').defaultPrevented).toBe(false);
    }
    app.quit();
    await until('the app to quit', () => fake.app.quitted);
    expect(fake.app.quitsHeld).toBe(0);
    await until('the clear that was started at shutdown', () => fake.clipboard.text === '');
  });
});

describe('the desktop app on Linux: notifications without Electron, Wayland, a failed start', () => {
  let world: Launched;
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    world = await makeVault();
  });
  beforeEach(() => { Object.defineProperty(process, 'platform', { value: 'linux', configurable: true }); });
  afterAll(() => {
    vi.restoreAllMocks();
    Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  });

  it('where Electron cannot notify, node-notifier (notify-send) carries the notice', async () => {
    const notify = installFakeNotifySend();
    await launch('linux', world, { argv: ['--hidden'], notificationsSupported: false, env: notify.env });
    const calls = await until('notify-send', () => notify.readCalls().find((argv) => argv.some((a) => a.includes('expires in 10 days'))));
    expect(calls.join(' ')).toContain('acme-pat');
    expect(fake.notifications.shown).toEqual([]);
  });

  /** A wl-copy and wl-paste that keep the clipboard in a file and log their argv (never stdin: that is the secret). */
  function fakeWlClipboard(): { env: Record<string, string>; calls: () => string[][]; content: () => string } {
    const dir = join(world.home, 'wl-bin');
    mkdirSync(dir, { recursive: true });
    const store = join(world.home, 'wl-clipboard');
    const log = join(world.home, 'wl-calls.jsonl');
    const copy = [
      `#!${process.execPath}`,
      "const fs = require('node:fs');",
      `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(['wl-copy', ...process.argv.slice(2)]) + '\\n');`,
      `if (process.argv.includes('--clear')) fs.writeFileSync(${JSON.stringify(store)}, '');`,
      `else fs.writeFileSync(${JSON.stringify(store)}, fs.readFileSync(0));`,
    ].join('\n');
    const paste = [
      `#!${process.execPath}`,
      "const fs = require('node:fs');",
      `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(['wl-paste', ...process.argv.slice(2)]) + '\\n');`,
      `const text = fs.existsSync(${JSON.stringify(store)}) ? fs.readFileSync(${JSON.stringify(store)}, 'utf8') : '';`,
      "if (text === '') { process.stderr.write('Nothing is copied\\n'); process.exit(1); }",
      'process.stdout.write(text);',
    ].join('\n');
    for (const [name, body] of [['wl-copy', copy], ['wl-paste', paste]] as const) {
      writeFileSync(join(dir, name), `${body}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    return {
      env: { PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
      calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []),
      content: () => (existsSync(store) ? readFileSync(store, 'utf8') : ''),
    };
  }

  it('on Wayland, a copy from the tray (no window focused) goes through wl-copy, the secret on stdin, and is cleared after the delay', async () => {
    const wl = fakeWlClipboard();
    await launch('linux', world, { argv: ['--hidden'], env: { WAYLAND_DISPLAY: 'wayland-0', ...wl.env } });
    hooks()?.trayAction({ type: 'copy', entryId: world.ids['acme-bot'] ?? '' });
    await until('wl-copy to hold the token', () => wl.content() === world.tokens['acme-bot']);
    expect(fake.clipboard.writes.filter((w) => w.by === 'app')).toEqual([]); // Electron's clipboard was not used
    expect(JSON.stringify(wl.calls())).not.toContain(world.tokens['acme-bot']); // never in argv
    await until('the clear through wl-copy --clear', () => wl.calls().some((argv) => argv.includes('--clear')), 4_000);
    expect(wl.content()).toBe('');
  });

  it('on Wayland without wl-clipboard, the log says what to install (Electron\'s clipboard drops an unfocused copy there)', async () => {
    await launch('linux', world, { argv: ['--hidden'], env: { WAYLAND_DISPLAY: 'wayland-0', PATH: '/usr/bin:/bin' } });
    const logFile = join(app.getPath('logs'), 'main.log');
    expect(readFileSync(logFile, 'utf8')).toContain('apt install wl-clipboard');
    hooks()?.trayAction({ type: 'copy', entryId: world.ids['acme-bot'] ?? '' });
    const write = await until('the attempt', () => fake.clipboard.writes.find((w) => w.by === 'app'));
    expect(write.dropped).toBe(true); // what the README's Wayland note is about
  });

  it('a start that fails shows an error dialog naming the log, and exits', async () => {
    const notADir = join(world.home, 'vault-is-a-file');
    writeFileSync(notADir, 'not a folder\n');
    await launch('linux', world, { started: false, env: { NOTION_VAULT_HOME: notADir } });
    await until('the dialog', () => fake.errorBoxes.length > 0 && fake.app.exits.length > 0);
    const [box] = fake.errorBoxes;
    expect(box?.title).toBe('Notion Token Vault could not start');
    expect(box?.content).toContain(join(app.getPath('logs'), 'main.log'));
    expect(fake.app.exits).toEqual([1]);
    expect(readFileSync(join(app.getPath('logs'), 'main.log'), 'utf8')).toContain('could not start');
  });
});
