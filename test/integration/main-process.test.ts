// The Electron main process as built (out/main/index.js), run in this process against a fake
// `electron` module (test/support/fake-electron.ts): the Electron binary cannot start here.
// Everything else is real: the vault folder, the keychain (with-keyring.sh), the Notion API
// emulator, the file watcher, and the CLI changing the vault while the app runs.
//
// vi.mock applies to the built file because vitest runs every module outside node_modules through
// its own module runner, which resolves out/main/index.js's `import … from "electron"` to the mock.
// Unmocked, the import would fail (the real package's index.js tries to download the missing binary
// and throws; with a binary it exports only its path, so the named imports would not exist), and
// the first test checks that the fake is the one the app talked to.
//
// The tests run in order and share one running app, as a person's session would.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, SECRET_CHANNELS, type Channel, type EntrySummary, type Envelope, type IntegrationSummary, type StoredResult } from '../../electron/common/ipc-contract';
import type { Entry } from '../../electron/common/types';
import type { TrayAction } from '../../electron/core/tray/tray-model';
import { fakeToken, makeVaultEnv, runCli, type VaultEnv } from '../support/cli';
import { PreventableEvent, app, emitPower, fake, invoke, resetFake, secondInstance, userCopies, type FakeBrowserWindow, type FakeInvokeEvent, type FakeMenu, type FakeMenuItem } from '../support/fake-electron';
import { installFakeNotifySend, type FakeNotifySend } from '../support/fake-notify-send';
import { actAsBrowser, newOAuthClient } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';
import { MAIN_ENTRY, RENDERER_URL, onlyTray, theWindow, trustedEvent } from '../support/main-process';
import { settle, until } from '../support/until';

vi.mock('electron', () => import('../support/fake-electron'));

const notion = useSharedEmulator();

// ---------------------------------------------------------------------------
// Helpers

const ENTRY_ACTIONS = ['Copy token', 'Copy as NOTION_TOKEN=…', 'Check now', 'Details…'];
const GLOBAL_ITEMS = ['Add token…', 'Check all now', 'Open vault…', 'Settings…', 'Quit'];

function menu(): FakeMenu {
  const current = onlyTray().contextMenu;
  if (current === null) throw new Error('the tray has no context menu');
  return current;
}

/** The items under a workspace header: from the disabled label to the next separator. */
function workspaceSection(m: FakeMenu, header: string): FakeMenuItem[] | undefined {
  const start = m.items.findIndex((item) => item.type === 'normal' && !item.enabled && item.label === header);
  if (start < 0) return undefined;
  const rest = m.items.slice(start + 1);
  const end = rest.findIndex((item) => item.type === 'separator');
  return end < 0 ? rest : rest.slice(0, end);
}

/** An entry's submenu: its label is "name — status…". */
function entryItem(m: FakeMenu, name: string): FakeMenuItem | undefined {
  return m.items.find((item) => item.type === 'submenu' && item.label.startsWith(`${name} — `));
}

function action(m: FakeMenu, entryName: string, label: string): FakeMenuItem {
  const item = entryItem(m, entryName)?.submenu?.find(label);
  if (item === undefined) throw new Error(`no "${label}" for ${entryName} in the tray menu`);
  return item;
}

function globalItem(label: string): FakeMenuItem {
  const item = menu().find(label);
  if (item === undefined) throw new Error(`no "${label}" in the tray menu`);
  return item;
}

async function call(channel: Channel, event: FakeInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> {
  return (await invoke(channel, event, ...args)) as Envelope<unknown>;
}

async function callOk(channel: Channel, ...args: unknown[]): Promise<unknown> {
  const reply = await call(channel, trustedEvent(), ...args);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.message}`);
  return reply.value;
}

function navigations(window: FakeBrowserWindow): unknown[] {
  return window.webContents.sent.filter((e) => e.channel === 'ui:navigate').map((e) => e.args[0]);
}

function changedCount(window: FakeBrowserWindow): number {
  return window.webContents.sent.filter((e) => e.channel === 'vault:changed').length;
}

interface TestHooks {
  trayAction: (action: TrayAction) => void;
}
const hooks = (): TestHooks | undefined => (globalThis as { notionVaultTest?: TestHooks }).notionVaultTest;

// ---------------------------------------------------------------------------
// The session

describe('the Electron main process (out/main/index.js) with a fake electron module', () => {
  let v: VaultEnv;
  let notify: FakeNotifySend;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const logLines: string[] = [];
  const savedEnv = { ...process.env };

  async function add(name: string, workspaceName: string): Promise<string> {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName });
    const r = await runCli(['add', '--name', name], { env: v.env, input: `${token}\n` });
    if (r.code !== 0) throw new Error(`add ${name} exited ${String(r.code)}: ${r.stderr}`);
    tokens[name] = token;
    return token;
  }

  const vaultFile = (): string => join(v.home, 'vault.json');
  const storedEntries = (): Entry[] => (JSON.parse(readFileSync(vaultFile(), 'utf8')) as { entries: Entry[] }).entries;

  beforeAll(async () => {
    v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
    notify = installFakeNotifySend();
    await add('acme-bot', 'Acme');
    await add('acme-ci', 'Acme');
    await add('globex-sync', 'Globex');
    // The settings section, next to the entries the CLI wrote.
    const doc = JSON.parse(readFileSync(vaultFile(), 'utf8')) as Record<string, unknown>;
    writeFileSync(vaultFile(), `${JSON.stringify({ ...doc, settings: { clipboardClearSeconds: 1 } }, null, 2)}\n`);
    for (const entry of storedEntries()) ids[entry.name] = entry.id;

    // Electron's userData, the log and any autostart entry go under the test's own config folder.
    Object.assign(process.env, v.env, notify.env, { NOTION_VAULT_TEST_HOOKS: '1', XDG_CONFIG_HOME: `${v.home}-config` });
    delete process.env.ELECTRON_RENDERER_URL;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logLines.push(args.map(String).join(' ')); });
    resetFake();
    // Started at login: in the tray, no window (a launch by hand shows it: main-process-platforms.test.ts).
    process.argv.push('--hidden');
    await import(pathToFileURL(MAIN_ENTRY).href);
    // start() sets the hook last: the app is fully up.
    await until('the main process to start', () => hooks());
  });

  afterAll(() => {
    if (!fake.app.quitted) app.emit('will-quit', new PreventableEvent()); // stop watchers and timers
    vi.restoreAllMocks();
    process.argv.splice(process.argv.indexOf('--hidden'), 1);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, savedEnv);
    Reflect.deleteProperty(globalThis, 'notionVaultTest');
  });

  it('1. creates exactly one tray: every entry under its workspace, four actions each, the global items, a build/tray-*.png icon', () => {
    // The fake is what the built main process talked to.
    expect(fake.app.lockRequests).toBe(1);
    expect(fake.app.readyCalls).toBe(1);
    expect(fake.app.quitCalls).toBe(0);

    const tray = onlyTray();
    const m = menu();
    expect(workspaceSection(m, 'Acme')?.map((i) => i.label.split(' — ')[0])).toEqual(['acme-bot', 'acme-ci']);
    expect(workspaceSection(m, 'Globex')?.map((i) => i.label.split(' — ')[0])).toEqual(['globex-sync']);
    for (const name of ['acme-bot', 'acme-ci', 'globex-sync']) {
      const item = entryItem(m, name);
      expect(item?.label).toBe(`${name} — valid`);
      // When the token was last used (a disabled line), then the four actions.
      expect(item?.submenu?.items.map((i) => i.label)).toEqual(['Never used', ...ENTRY_ACTIONS]);
      expect(item?.submenu?.items.map((i) => i.enabled)).toEqual([false, true, true, true, true]);
    }
    for (const label of GLOBAL_ITEMS) expect(m.find(label)?.enabled, label).toBe(true);
    // Workspaces come before the global items; Quit is last.
    expect(m.items.at(-1)?.label).toBe('Quit');
    expect(m.items.findIndex((i) => i.label === 'Add token…')).toBeGreaterThan(m.items.findIndex((i) => i.label.startsWith('globex-sync')));

    const iconPath = tray.image.path;
    expect(iconPath).toBe(join(process.cwd(), 'build', 'tray-ok.png'));
    expect(tray.image.isEmpty()).toBe(false); // the file exists
    for (const path of fake.imagePaths) expect(path).toMatch(/[/\\]build[/\\]tray-(ok|attention|error)\.png$/);
    expect(tray.toolTip).not.toBe('');
    // The tray keeps the app alive: someone listens for window-all-closed (else Electron quits).
    expect(app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    // Nothing in the tray's words is a secret.
    for (const token of Object.values(tokens)) expect(JSON.stringify(fake.menus.map((x) => x.template)) + tray.toolTip).not.toContain(token);
  });

  it('8. registers a handler for every channel of the contract and nothing else; no window yet means refused', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect([...fake.ipcRegistrations].sort()).toEqual([...CHANNELS].sort()); // no ipcMain.on, no duplicates
    // Before any window exists, nobody is trusted, even with the right frame URL.
    expect(fake.windows).toHaveLength(0);
    const reply = await call('vault:list', { sender: { id: 1 }, senderFrame: { url: RENDERER_URL, parent: null } });
    expect(reply).toMatchObject({ ok: false, message: expect.stringContaining('Refused') as unknown });
  });

  it('2. Copy writes the secret to the clipboard and clears it after the delay, unless the person copied something since; Copy as NOTION_TOKEN= writes the env line', async () => {
    const acme = tokens['acme-bot'] ?? '';
    const globex = tokens['globex-sync'] ?? '';

    action(menu(), 'acme-bot', 'Copy token').click();
    const copied = await until('the token on the clipboard', () => fake.clipboard.writes.find((w) => w.by === 'app' && w.text === acme));
    expect(fake.clipboard.text).toBe(acme);
    const cleared = await until('the clipboard to be cleared', () => fake.clipboard.writes.find((w) => w.at >= copied.at && w.by === 'app' && w.text === ''), 4_000);
    expect(cleared.at - copied.at).toBeGreaterThanOrEqual(990); // clipboardClearSeconds: 1
    expect(cleared.at - copied.at).toBeLessThan(2_500);
    expect(fake.clipboard.text).toBe('');

    // The person copies something else before the delay is up: it stays.
    action(menu(), 'globex-sync', 'Copy token').click();
    const second = await until('the second token on the clipboard', () => fake.clipboard.writes.find((w) => w.by === 'app' && w.text === globex));
    userCopies('my own note');
    const sinceUser = fake.clipboard.writes.length; // by position: the app's write can share the person's millisecond
    await until('the guard to look at the clipboard after the delay', () => fake.clipboard.reads.some((at) => at >= second.at + 990), 4_000);
    await settle();
    expect(fake.clipboard.text).toBe('my own note');
    expect(fake.clipboard.writes.slice(sinceUser).filter((w) => w.by === 'app')).toEqual([]);

    action(menu(), 'acme-bot', 'Copy as NOTION_TOKEN=…').click();
    const env = await until('the env line on the clipboard', () => fake.clipboard.writes.find((w) => w.by === 'app' && w.text.startsWith('NOTION_TOKEN=')));
    expect(env.text).toBe(`NOTION_TOKEN=${acme}`);
    await until('the env line to be cleared', () => fake.clipboard.writes.find((w) => w.at >= env.at && w.by === 'app' && w.text === ''), 4_000);
  });

  it('3. a second instance opens and focuses the first one\'s window; again, and still one window', async () => {
    expect(fake.windows).toHaveLength(0); // the app starts to the tray
    secondInstance();
    const window = await until('a window', () => fake.windows[0]);
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    expect(window.loadedURLs).toEqual([RENDERER_URL]);
    // Brought up where it is: a relaunch does not move the person away from what they were doing.
    expect(navigations(window)).toEqual([]);

    window.hide();
    secondInstance();
    expect(fake.windows).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(true);
    expect(window.calls.show).toBe(2);
    expect(window.calls.focus).toBe(2);
    expect(window.loadedURLs).toHaveLength(1); // not reloaded
  });

  it('4. refuses IPC from anything but the window\'s own top frame loaded from out/renderer', async () => {
    const window = theWindow();
    const own = window.webContents.id;
    const untrusted: [string, FakeInvokeEvent][] = [
      ['another webContents', { sender: { id: own + 1000 }, senderFrame: { url: RENDERER_URL, parent: null } }],
      ['a page from the web', { sender: { id: own }, senderFrame: { url: 'https://evil.example/', parent: null } }],
      ['another local file', { sender: { id: own }, senderFrame: { url: pathToFileURL(resolve('out/main/index.js')).href, parent: null } }],
      ['a look-alike folder', { sender: { id: own }, senderFrame: { url: pathToFileURL(resolve('out/renderer-evil/index.html')).href, parent: null } }],
      ['a subframe', { sender: { id: own }, senderFrame: { url: RENDERER_URL, parent: { url: RENDERER_URL } } }],
      ['a frame already gone', { sender: { id: own }, senderFrame: null }],
    ];
    for (const [who, event] of untrusted) {
      for (const channel of ['vault:list', 'vault:reveal'] as const) {
        const reply = await call(channel, event, ids['acme-bot']);
        expect(reply.ok, `${channel} from ${who}`).toBe(false);
        expect(reply.ok ? '' : reply.message, `${channel} from ${who}`).toMatch(/^Refused/);
      }
    }
    expect(logLines.filter((l) => l.includes('ipc: refused')).length).toBeGreaterThanOrEqual(untrusted.length * 2);

    const reply = await call('vault:list', trustedEvent());
    expect(reply.ok).toBe(true);
    expect((reply.ok ? (reply.value as EntrySummary[]) : []).map((e) => e.name).sort()).toEqual(['acme-bot', 'acme-ci', 'globex-sync']);
  });

  it('7. the window is hardened: isolated, sandboxed, no Node; no new windows or navigation; close hides it', async () => {
    const window = theWindow();
    const prefs = window.options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker ?? false).toBe(false);
    expect(prefs.webSecurity ?? true).toBe(true);
    expect(prefs.allowRunningInsecureContent ?? false).toBe(false);
    expect(prefs.webviewTag ?? false).toBe(false);
    expect(prefs.preload).toBe(resolve('out/preload/index.cjs'));
    expect(existsSync(prefs.preload ?? '')).toBe(true);

    // window.open / target=_blank: always denied; only https Notion pages go to the browser.
    const contents = window.webContents;
    const opened = fake.openedExternal.length;
    for (const url of ['https://www.notion.so/my-integrations', 'https://developers.notion.com/reference/intro']) {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
    for (const url of ['http://www.notion.so/', 'https://evil.example/', 'file:///etc/passwd', 'https://www.notion.so.evil.example/', 'https://user:pw@www.notion.so/', 'javascript:alert(1)']) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternal.slice(opened)).toEqual(['https://www.notion.so/my-integrations', 'https://developers.notion.com/reference/intro']);

    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', RENDERER_URL)).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-attach-webview', 'https://evil.example/')).toBe(true);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      expect(await contents.session.requestPermission(contents, permission), permission).toBe(false);
    }

    // Closing hides it (the tray keeps the app alive), and says so once.
    expect(window.isVisible()).toBe(true);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    // Through Electron's Notification (the app's own name and icon), not node-notifier.
    const shown = await until('the "still running" notification', () => fake.notifications.shown.length > 0 && fake.notifications.shown);
    expect(shown.map((n) => n.title)).toEqual(['Notion Token Vault is still running']);
    expect(shown[0]?.options.icon).toBe(resolve('build/icon.png'));
    expect(notify.readCalls()).toEqual([]);
    secondInstance();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    await settle();
    expect(fake.notifications.shown).toHaveLength(1);
  });

  it('5. no channel answers with a secret except vault:reveal; app:open-external opens only https Notion pages', async () => {
    const secrets = (): string[] => Object.values(tokens);
    const replies: [Channel, unknown][] = [];
    const ok = async (channel: Channel, ...args: unknown[]): Promise<unknown> => {
      const value = await callOk(channel, ...args);
      replies.push([channel, value]);
      return value;
    };

    const list = (await ok('vault:list')) as EntrySummary[];
    expect(list.map((e) => e.name).sort()).toEqual(['acme-bot', 'acme-ci', 'globex-sync']);
    await ok('vault:check', []);
    await ok('vault:check', [ids['acme-ci']]);
    await ok('vault:rename', ids['acme-ci'], 'acme-ci-2');
    await ok('vault:rename', ids['acme-ci'], 'acme-ci');
    expect(await ok('vault:copy', ids['acme-bot'], 'token')).toBe(1_000);
    expect(await ok('vault:copy', ids['acme-bot'], 'env')).toBe(1_000);
    expect(fake.clipboard.text).toBe(`NOTION_TOKEN=${tokens['acme-bot'] ?? ''}`); // main copies; the reply does not carry it
    const settings = await ok('settings:get');
    expect(settings).toMatchObject({ clipboardClearSeconds: 1 });
    expect(await ok('settings:set', { checkIntervalHours: 12 })).toMatchObject({ checkIntervalHours: 12, clipboardClearSeconds: 1 });
    expect(await ok('app:online')).toBeNull();

    const opened = fake.openedExternal.length;
    expect(await ok('app:open-external', 'https://www.notion.so/developers')).toBeNull();
    for (const url of ['file:///etc/passwd', 'https://evil.example', 'http://www.notion.so/developers', 'https://www.notion.so@evil.example/']) {
      const reply = await call('app:open-external', trustedEvent(), url);
      expect(reply.ok, url).toBe(false);
    }
    expect(fake.openedExternal.slice(opened)).toEqual(['https://www.notion.so/developers']);

    // Changes last, with fresh tokens: add, rotate, remove.
    const fresh = fakeToken();
    notion().setToken(fresh, { identity: 'internal', workspaceName: 'Globex' });
    tokens['globex-fresh'] = fresh;
    const added = (await ok('vault:add', { text: fresh, name: 'globex-fresh' })) as StoredResult;
    expect(added.entry).toMatchObject({ name: 'globex-fresh', workspaceName: 'Globex' });
    const rotated = fakeToken();
    notion().setToken(rotated, { identity: 'internal', workspaceName: 'Globex' });
    tokens['globex-fresh (rotated)'] = rotated;
    await ok('vault:rotate', added.entry.id, { text: rotated });
    expect(await ok('vault:reveal', added.entry.id)).toBe(rotated);
    expect(await ok('vault:remove', added.entry.id)).toBeNull();

    // Every reply checked against every token stored in this session.
    for (const [channel, value] of replies) {
      const json = JSON.stringify(value);
      if (SECRET_CHANNELS.includes(channel)) continue;
      for (const token of secrets()) expect(json, `${channel} reply`).not.toContain(token);
    }
    // The one that may: exactly the token, nothing around it.
    expect(await callOk('vault:reveal', ids['globex-sync'])).toBe(tokens['globex-sync']);
    expect(SECRET_CHANNELS).toEqual(['vault:reveal']);
    // Nor did the window get a secret any other way.
    const sent = JSON.stringify(theWindow().webContents.sent);
    for (const token of secrets()) expect(sent).not.toContain(token);
  });

  it('vault:add answers with the entry as vault:list shows it (the person\'s expiry thresholds)', async () => {
    // A PAT 45 days from expiry, with thresholds [60]: "expiring" wherever it is shown.
    await callOk('settings:set', { thresholdsDays: [60] });
    const token = fakeToken();
    notion().setToken(token, { identity: 'pat-person', workspaceName: 'Globex' });
    tokens['globex-pat'] = token;
    const day = 86_400_000;
    const added = (await callOk('vault:add', {
      text: token, name: 'globex-pat', kind: 'pat',
      createdAt: new Date(Date.now() - 60 * day).toISOString().slice(0, 10),
      expiresAt: new Date(Date.now() + 45 * day).toISOString().slice(0, 10),
    })) as StoredResult;
    try {
      const listed = ((await callOk('vault:list')) as EntrySummary[]).find((e) => e.id === added.entry.id);
      expect(listed?.shownStatus).toBe('expiring');
      expect({ shownStatus: added.entry.shownStatus, attention: added.entry.attention }).toEqual({ shownStatus: listed?.shownStatus, attention: listed?.attention });
    } finally {
      await callOk('vault:remove', added.entry.id);
      await callOk('settings:set', { thresholdsDays: [30, 14, 7, 3, 1] });
    }
  });

  it('oauth:connect hands the browser a private file:// page (the state stays off its command line), deleted once connected', async () => {
    const client = await newOAuthClient(notion(), 'Initech');
    const integration = (await callOk('integrations:add', { name: 'main-app', clientId: client.clientId, clientSecret: client.clientSecret, redirectPort: client.port })) as IntegrationSummary;
    const opened = fake.openedExternal.length;
    const connecting = call('oauth:connect', trustedEvent(), { integrationId: integration.id, name: 'initech-oauth' });
    const page = await until('the browser to be opened', () => fake.openedExternal[opened]);
    expect(page).toMatch(/^file:\/\/[^?#]+\.html$/);
    expect(statSync(new URL(page)).mode & 0o777).toBe(0o600);
    const href = /<a href="([^"]+)"/.exec(readFileSync(new URL(page), 'utf8'))?.[1] ?? '';
    const target = new URL(href.replaceAll('&amp;', '&'));
    expect(target.searchParams.get('client_id')).toBe(client.clientId);
    expect(page).not.toContain(target.searchParams.get('state'));
    await actAsBrowser(target.href, 'approve');
    const reply = await connecting;
    expect(reply.ok, reply.ok ? '' : reply.message).toBe(true);
    expect(existsSync(new URL(page)), 'the page is deleted once the attempt is over').toBe(false);
    expect(fake.openedExternal.slice(opened)).toEqual([page]);
    const id = storedEntries().find((e) => e.name === 'initech-oauth')?.id;
    await callOk('vault:remove', id);
    await callOk('integrations:remove', integration.id);
  });

  it('tray actions: Check now asks Notion about that token only; Details…, Add token…, Settings…, Open vault… open the window there', async () => {
    const window = theWindow();
    notion().clearLog();
    const changed = changedCount(window);
    action(menu(), 'globex-sync', 'Check now').click();
    await until('a check of globex-sync', () => notion().requests(tokens['globex-sync']).length > 0);
    await until('the check to finish', () => changedCount(window) > changed);
    expect(notion().requests(tokens['acme-bot'])).toEqual([]);
    expect(notion().requests(tokens['acme-ci'])).toEqual([]);

    notion().clearLog();
    globalItem('Check all now').click();
    await until('a check of every entry', () => ['acme-bot', 'acme-ci', 'globex-sync'].every((n) => notion().requests(tokens[n]).length > 0));

    window.hide();
    const before = navigations(window).length;
    action(menu(), 'acme-ci', 'Details…').click();
    globalItem('Add token…').click();
    globalItem('Settings…').click();
    globalItem('Open vault…').click();
    await until('four navigations', () => navigations(window).length >= before + 4);
    expect(navigations(window).slice(before)).toEqual([{ view: 'details', id: ids['acme-ci'] }, { view: 'add' }, { view: 'settings' }, { view: 'list' }]);
    expect(window.isVisible()).toBe(true);
    expect(fake.windows).toHaveLength(1);
  });

  it('6. a vault change made by the CLI re-renders the tray menu with the new entry', async () => {
    const tray = onlyTray();
    const menusBefore = tray.contextMenus.length;
    const changedBefore = changedCount(theWindow());
    await add('initech-ops', 'Initech');
    await until('the tray menu to show initech-ops', () => entryItem(menu(), 'initech-ops'), 5_000);
    expect(tray.contextMenus.length).toBeGreaterThan(menusBefore);
    expect(workspaceSection(menu(), 'Initech')?.map((i) => i.label.split(' — ')[0])).toEqual(['initech-ops']);
    expect(entryItem(menu(), 'initech-ops')?.submenu?.items.map((i) => i.label)).toEqual(['Never used', ...ENTRY_ACTIONS]);
    expect(fake.trays).toHaveLength(1);
    await until('the window to be told', () => changedCount(theWindow()) > changedBefore);

    // Its actions work at once: the new token copies.
    action(menu(), 'initech-ops', 'Copy token').click();
    await until('the new token on the clipboard', () => fake.clipboard.text === tokens['initech-ops']);
  });

  it('re-renders only on change: the same vault again sets no new menu', async () => {
    const tray = onlyTray();
    // Earlier tests leave renders on their way: the copy of initech-ops re-renders the tray once its
    // access-log line is written ("Used in the last 24 hours"), and "Check all now" once its checks
    // are recorded. Let them land first (that line, then half a second of wall-clock time without a
    // new menu: the wait before was settle() rounds, a few milliseconds), so what is counted is this test's own render.
    await until('the copy of initech-ops in the tray', () => entryItem(menu(), 'initech-ops')?.submenu?.items.some((i) => i.label === 'Used in the last 24 hours'), 5_000);
    for (let last = -1; last !== tray.contextMenus.length;) {
      last = tray.contextMenus.length;
      await sleep(500);
    }
    const count = tray.contextMenus.length;
    const changed = changedCount(theWindow());
    await callOk('settings:set', { checkIntervalHours: 12 }); // same value: same model
    await until('the window to be told', () => changedCount(theWindow()) > changed);
    await settle();
    expect(tray.contextMenus).toHaveLength(count);
  });

  it('resume from sleep refreshes the tray and the window', async () => {
    const changed = changedCount(theWindow());
    emitPower('resume');
    await until('a refresh after resume', () => changedCount(theWindow()) > changed);
  });

  it('the tray hook and the leak-free log: stdout and the log file under Electron\'s logs folder, apart from the vault', () => {
    expect(typeof hooks()?.trayAction).toBe('function');
    const logFile = join(app.getPath('logs'), 'main.log');
    expect(logFile).toBe(join(`${v.home}-config`, 'Notion Token Vault', 'logs', 'main.log'));
    const written = readFileSync(logFile, 'utf8');
    expect(written).toContain('started: log file');
    expect(logLines.join('\n')).toContain('started: log file');
    for (const token of Object.values(tokens)) {
      expect(logLines.join('\n')).not.toContain(token);
      expect(written).not.toContain(token);
    }
    // Chromium's files have a folder of their own: never the vault's.
    expect(app.getPath('userData')).not.toBe(v.home);
    expect(fake.app.lockDirs).toEqual([app.getPath('userData')]);
  });

  let clipboardAtQuit: string | null = null;

  it('Quit from the tray quits: the window really closes and the tray goes away', async () => {
    const window = theWindow();
    const tray = onlyTray();
    // A token copied just before quitting, for the next test.
    action(menu(), 'globex-sync', 'Copy token').click();
    await until('the token on the clipboard', () => fake.clipboard.text === tokens['globex-sync']);
    app.once('quit', () => { clipboardAtQuit = fake.clipboard.text; });
    const notices = fake.notifications.shown.length;

    globalItem('Quit').click();
    await until('the app to quit', () => fake.app.quitted);
    expect(window.isDestroyed()).toBe(true);
    expect(tray.isDestroyed()).toBe(true);
    await settle();
    expect(fake.notifications.shown).toHaveLength(notices); // quitting is not "closed to the tray"
  });

  it('a token copied just before Quit is not left on the clipboard once the app is gone', () => {
    // The clear is a timer in the process that is exiting: unless quitting clears it, the token
    // stays on the clipboard for good (here the timer is 1 s; by default 30 s).
    expect(clipboardAtQuit, 'the clipboard was not read at quit').not.toBeNull();
    expect(clipboardAtQuit === tokens['globex-sync'], 'the copied token is still on the clipboard when the app quits').toBe(false);
  });

  it('a launch while another instance runs quits at once and starts nothing', async () => {
    resetFake();
    fake.app.lockGranted = false;
    await import(`${pathToFileURL(MAIN_ENTRY).href}?second-launch`);
    await until('the second launch to quit', () => fake.app.quitCalls === 1);
    await settle();
    expect(fake.app.lockRequests).toBe(1);
    expect(fake.app.readyCalls).toBe(0);
    expect(fake.trays).toEqual([]);
    expect(fake.windows).toEqual([]);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
