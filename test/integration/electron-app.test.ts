// The real tray app in a real Electron, driven by Playwright's `_electron`: the built main process
// (package.json "main": out/main/index.js) with its own vault folder and keychain service, the
// Notion API emulator, and the test hooks (NOTION_VAULT_TEST_HOOKS=1 exposes
// globalThis.notionVaultTest.trayAction in the main process, standing in for tray menu clicks).
//
// It runs wherever an Electron binary is present: ELECTRON_PATH, or the binary the `electron`
// package downloaded into node_modules/electron/dist. Where there is none (CI, and any machine
// that cannot reach Electron's downloads) the tests are reported as skipped, with one line saying
// why. `require('electron')` is never called: since Electron 42 it starts the download itself.
// Linux needs a display: under a headless session, run it with `xvfb-run -a`.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrayAction } from '../../electron/core/tray/tray-model';
import { fakeToken, makeVaultEnv, runCli, type VaultEnv } from '../support/cli';
import { installFakeNotifySend, type FakeNotifySend } from '../support/fake-notify-send';
import { useSharedEmulator } from '../support/shared-emulator';

const ROOT = resolve('.');
const MAIN_ENTRY = join(ROOT, 'out/main/index.js');
const RENDERER_URL = pathToFileURL(join(ROOT, 'out/renderer/index.html')).href;
const TITLE = 'Notion Token Vault';
/** A closed port on loopback: if a navigation ever got through, it would go nowhere. */
const ELSEWHERE = 'http://127.0.0.1:9/';

/** The Electron executable: ELECTRON_PATH, else the one the `electron` package keeps in dist/, if it is there. */
function findElectron(): string | null {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : null;
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const fallback: Partial<Record<NodeJS.Platform, string>> = { linux: 'electron', darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : fallback[process.platform];
  if (relativePath === undefined) return null;
  const executable = join(pkg, 'dist', relativePath);
  return existsSync(executable) ? executable : null;
}

function skipReason(electronPath: string | null): string | null {
  if (electronPath === null) {
    return 'SKIPPED: Electron binary not available (set ELECTRON_PATH to an Electron executable, or let the electron package download it into node_modules/electron/dist); the real-Electron app tests did not run.';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'SKIPPED: no display for Electron (run the tests under `xvfb-run -a`); the real-Electron app tests did not run.';
  }
  return null;
}

const electronPath = findElectron();
const skip = skipReason(electronPath);
if (skip !== null) console.log(skip);

/** What NOTION_VAULT_TEST_HOOKS=1 puts on the main process's globalThis (electron/main/index.ts). */
interface TestGlobal {
  notionVaultTest?: { trayAction: (action: TrayAction) => void; trayClick: () => void; notifications: string[]; logFile: string };
}

describe.skipIf(skip !== null)('the tray app in Electron (Playwright _electron)', () => {
  const notion = useSharedEmulator();
  let vault: VaultEnv;
  let token = '';
  let entryId = '';
  let userData = '';
  let app: ElectronApplication | null = null;
  // The app notifies through Electron's Notification; should Electron not support it on a Linux
  // desktop, node-notifier's notify-send is a fake one here, so nothing reaches the developer's screen.
  const notifySend: FakeNotifySend | null = process.platform === 'linux' ? installFakeNotifySend() : null;

  function running(): ElectronApplication {
    if (app === null) throw new Error('the app did not start');
    return app;
  }

  /** Calls the tray's action handler, as a click on the tray menu does. */
  async function trayAction(action: TrayAction): Promise<void> {
    await running().evaluate((_electronModule, a) => {
      const hooks = (globalThis as unknown as TestGlobal).notionVaultTest;
      if (hooks === undefined) throw new Error('NOTION_VAULT_TEST_HOOKS is not active in the main process');
      hooks.trayAction(a);
    }, action);
  }

  /** "Open vault…" from the tray; the vault window, once it has loaded. */
  async function openVaultWindow(): Promise<Page> {
    const electronApp = running();
    const shown = electronApp.windows()[0];
    const opened = shown === undefined ? electronApp.waitForEvent('window', { timeout: 15_000 }) : Promise.resolve(shown);
    await trayAction({ type: 'open' });
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: run \`npx electron-vite build\` (npm run build) first.`);
    vault = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
    token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
    const added = await runCli(['add', '--name', 'e2e-acme'], { env: vault.env, input: `${token}\n` });
    if (added.code !== 0) throw new Error(`notion-vault add exited ${String(added.code)}: ${added.stderr}`);
    const listed = await runCli(['list', '--json'], { env: vault.env });
    const entry = (JSON.parse(listed.stdout) as { entries: { id: string; name: string }[] }).entries.find((e) => e.name === 'e2e-acme');
    if (entry === undefined) throw new Error(`the entry is not listed: ${listed.stdout}`);
    entryId = entry.id;

    userData = mkdtempSync(join(tmpdir(), 'notion-vault-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    Object.assign(env, vault.env, notifySend?.env ?? {}, { NOTION_VAULT_TEST_HOOKS: '1' });
    // Electron refuses to run as root with its sandbox on; root is a CI/container thing only.
    const sandbox = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: electronPath ?? undefined,
      // The project folder, so Electron starts package.json's "main" (out/main/index.js) with the app's
      // name and path; a separate user-data dir, so a vault app the developer runs holds no lock on it.
      args: [...sandbox, `--user-data-dir=${userData}`, ROOT],
      cwd: ROOT,
      env,
      timeout: 30_000,
    });
    const started = Date.now();
    while (!(await running().evaluate(() => (globalThis as unknown as TestGlobal).notionVaultTest !== undefined))) {
      if (Date.now() - started > 20_000) throw new Error('the app did not finish starting within 20 s (no test hooks)');
      await sleep(100);
    }
  }, 60_000);

  afterAll(async () => {
    if (app !== null) {
      // Leave nothing of the test's token on the developer's clipboard.
      await app.evaluate(({ clipboard }) => { clipboard.clear(); }).catch(() => undefined);
      await app.close().catch(() => undefined);
    }
    // The entry's keychain item lives in the real keychain on macOS and Windows.
    if (entryId !== '') await runCli(['remove', 'e2e-acme'], { env: vault.env });
    if (userData !== '') rmSync(userData, { recursive: true, force: true });
  }, 30_000);

  it(`a launch shows the window, titled "${TITLE}", with no menu bar on Windows and Linux`, async () => {
    const page = await running().firstWindow({ timeout: 15_000 });
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe(RENDERER_URL);
    expect(await page.title()).toBe(TITLE);
    const windows = await running().evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ title: w.getTitle(), visible: w.isVisible() })));
    expect(windows).toEqual([{ title: TITLE, visible: true }]);
    const menu = await running().evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => (i.role ?? i.label).toLowerCase()) ?? null);
    expect(menu).toEqual(process.platform === 'darwin' ? ['appmenu', 'editmenu'] : null);
  }, 30_000);

  it('a click on the tray icon shows the hidden window', async () => {
    await openVaultWindow();
    await running().evaluate(({ BrowserWindow }) => { BrowserWindow.getAllWindows()[0]?.hide(); });
    await running().evaluate(() => { (globalThis as unknown as TestGlobal).notionVaultTest?.trayClick(); });
    await expect.poll(() => running().evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false), { timeout: 10_000 }).toBe(true);
  }, 30_000);

  it('closing the window tells the person, once, through an Electron notification, that the app keeps running', async () => {
    await openVaultWindow();
    await running().evaluate(({ BrowserWindow }) => { BrowserWindow.getAllWindows()[0]?.close(); });
    const shown = (): Promise<string[]> => running().evaluate(() => [...((globalThis as unknown as TestGlobal).notionVaultTest?.notifications ?? [])]);
    await expect.poll(shown, { timeout: 10_000 }).toContain('Notion Token Vault is still running');
    expect(await running().evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
  }, 30_000);

  it('writes its log file under Electron\'s logs folder, without the token', async () => {
    const logFile = await running().evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
    const hooked = await running().evaluate(() => (globalThis as unknown as TestGlobal).notionVaultTest?.logFile ?? '');
    expect(hooked).toBe(join(logFile, 'main.log'));
    const text = readFileSync(hooked, 'utf8');
    expect(text).toContain('started: log file');
    expect(text).not.toContain(token);
  }, 30_000);

  it('gives the page the vault API and nothing of Node or Electron', async () => {
    const page = await openVaultWindow();
    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return { require: typeof g.require, process: typeof g.process, ipcRenderer: typeof g.ipcRenderer, vault: typeof g.vault };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', vault: 'object' });
  }, 30_000);

  it("copies an entry's token to the clipboard from the tray", async () => {
    await running().evaluate(({ clipboard }) => clipboard.writeText('before the copy'));
    await trayAction({ type: 'copy', entryId });
    await expect.poll(() => running().evaluate(({ clipboard }) => clipboard.readText()), { timeout: 10_000 }).toBe(token);
    await running().evaluate(({ clipboard }) => { clipboard.clear(); });
  }, 30_000);

  it('cannot navigate away nor open other windows', async () => {
    const page = await openVaultWindow();
    await page.evaluate((url) => { window.location.href = url; }, ELSEWHERE);
    const opened = await page.evaluate((url) => window.open(url) !== null, ELSEWHERE);
    await page.evaluate((url) => {
      const link = document.createElement('a');
      link.href = url;
      link.target = '_blank';
      document.body.append(link);
      link.click();
      link.remove();
    }, ELSEWHERE);
    await sleep(1_000); // a navigation that got through would have replaced the page by now
    expect(opened).toBe(false);
    expect(page.url()).toBe(RENDERER_URL);
    const urls = await running().evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
    expect(urls).toEqual([RENDERER_URL]);
    expect(running().windows()).toHaveLength(1);
    expect(await page.title()).toBe(TITLE);
  }, 30_000);

  it('adds a token pasted in the window: it is checked, stored, and listed', async () => {
    const page = await openVaultWindow();
    const pasted = fakeToken();
    notion().setToken(pasted, { identity: 'internal', workspaceName: 'Globex' });
    const stored = await page.evaluate((text) => window.vault.vaultAdd({ text: `Bearer ${text}`, name: 'e2e-globex' }), pasted);
    expect(stored.entry).toMatchObject({ name: 'e2e-globex', kind: 'internal', workspaceName: 'Globex', shownStatus: 'valid' });
    await expect.poll(() => page.locator('#entries').textContent(), { timeout: 10_000 }).toContain('e2e-globex');
    const listed = await runCli(['get', 'e2e-globex'], { env: vault.env, printsSecret: true });
    expect(listed.stdout.trim()).toBe(pasted);
    await runCli(['remove', 'e2e-globex'], { env: vault.env });
  }, 30_000);

  it('warns with a desktop notification when a PAT added in the window expires soon', async () => {
    const page = await openVaultWindow();
    const pat = fakeToken();
    notion().setToken(pat, { identity: 'pat-person', workspaceName: null });
    const inTenDays = new Date(Date.now() + 10 * 86_400_000 - 60_000).toISOString();
    await page.evaluate(([text, expiresAt]) => window.vault.vaultAdd({ text, name: 'e2e-pat', workspace: 'Acme', expiresAt }), [pat, inTenDays] as const);
    // The vault changed on disk; the monitor plans again and announces the threshold already crossed.
    const shown = (): Promise<string[]> => running().evaluate(() => [...((globalThis as unknown as TestGlobal).notionVaultTest?.notifications ?? [])]);
    await expect.poll(shown, { timeout: 15_000 }).toContain('Notion token expires in 10 days');
    await runCli(['remove', 'e2e-pat'], { env: vault.env });
  }, 30_000);
});

declare global {
  interface Window {
    vault: import('../../electron/common/ipc-contract').VaultApi;
  }
}
