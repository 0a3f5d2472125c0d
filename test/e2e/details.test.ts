// The vault window end to end, beyond the wizard: the list, one entry's details (check, rotate,
// remove, reveal, copy, rename), the tray and the CLI changing what the open window shows, and the
// settings. Debian's Chromium (Playwright) on the browser harness: the real core on the suite's
// private gnome-keyring, against the Notion emulator. No token is ever in the page but for an
// explicit Reveal, and none is in the harness's records but for the clipboard writes.

import { spawn } from 'node:child_process';
import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { AddRequest, EntrySummary } from '../../electron/common/ipc-contract';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { fakeToken, runCli } from '../support/cli';
import { expectNoSecretInPage, openCheckedWindow, useBrowser, valueOf, type CheckedWindow, type WindowOptions } from '../support/e2e';
import type { Harness } from '../support/harness';
import type { TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

/** How long a locator may take to appear or go: the harness answers in milliseconds. */
const WAIT_MS = 5_000;

// ---------------------------------------------------------------------------
// Helpers

/** A token Notion (the emulator) knows, stored in the vault through IPC as the window would. */
async function seed(harness: Harness, tokens: string[], spec: TokenSpec, request: Omit<AddRequest, 'text'> = {}): Promise<{ token: string; entry: EntrySummary }> {
  const token = fakeToken();
  tokens.push(token);
  notion().setToken(token, spec);
  const { entry } = valueOf(await harness.ipc('vault:add', { text: token, ...request }));
  return { token, entry };
}

/** A fresh vault and its window; `finish` checks page, records and logs for these tokens, then closes it. */
const open = (tokens: readonly string[], options: WindowOptions = {}): Promise<CheckedWindow> =>
  openCheckedWindow(browser(), notion().url, () => tokens, options, WAIT_MS);

const shown = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });
const hidden = (locator: Locator): Promise<void> => locator.waitFor({ state: 'hidden' });

const button = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });
const viewTitle = (page: Page, name: string): Locator => page.getByRole('heading', { level: 2, name, exact: true });
const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
/** An outcome message (role=status) with this text. */
const statusMessage = (scope: Page | Locator, text: string): Locator => scope.getByRole('status').filter({ hasText: text });
/** A status badge (its icon, then the word) reading exactly this. */
const badge = (scope: Locator, text: string): Locator => scope.locator('.status').filter({ hasText: new RegExp(`^\\W?\\s*${text}$`) });
/** The list's row for an entry. */
const row = (page: Page, name: string): Locator => page.getByRole('row').filter({ has: button(page, name) });

async function view(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.view);
}

async function openDetails(page: Page, name: string): Promise<void> {
  await button(page, name).click();
  await shown(viewTitle(page, name));
  expect(await view(page)).toBe('details');
}

async function backToList(page: Page): Promise<void> {
  await button(page, 'Back to the list').click();
  await shown(viewTitle(page, 'Your tokens'));
}

/** Every keychain item under the vault's service, as the Secret Service holds them (read with secret-tool, never printed). */
function keychainItems(service: string): Promise<{ account: string; secret: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('secret-tool', ['search', '--all', 'service', service], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', () => {
      // keytar labels its items `service/account`; the secret is on stdout, the attributes on stderr.
      const items: { account: string; secret: string }[] = [];
      let account: string | null = null;
      for (const line of stdout.split('\n')) {
        const label = /^label = (.*)$/.exec(line)?.[1];
        if (label !== undefined) account = label.startsWith(`${service}/`) ? label.slice(service.length + 1) : null;
        if (account === FINGERPRINT_KEY_ACCOUNT) account = null; // the vault's own key, not a token's item
        const secret = /^secret = (.*)$/.exec(line)?.[1];
        if (secret !== undefined && account !== null) items.push({ account, secret });
      }
      resolve(items);
    });
  });
}

async function reveal(harness: Harness, id: string): Promise<string> {
  return valueOf(await harness.ipc('vault:reveal', id));
}

async function listed(harness: Harness): Promise<EntrySummary[]> {
  return valueOf(await harness.ipc('vault:list'));
}

// ---------------------------------------------------------------------------

describe('the vault window: list, details, settings', () => {
  it('follows Notion: a token revoked there shows as rejected, with the fix, after Check now and in the list', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page } = w;
    expect(acme.entry.shownStatus).toBe('valid');
    await shown(badge(row(page, acme.entry.name), 'Valid'));

    notion().revoke(acme.token);
    const before = notion().requests(acme.token).length;
    await openDetails(page, acme.entry.name);
    const status = region(page, 'Status');
    await shown(badge(status, 'Valid'));
    await button(page, 'Check now').click();
    await shown(statusMessage(status, 'Checked: rejected by notion.'));
    await shown(badge(status, 'Rejected by Notion'));
    await shown(status.getByText('Notion rejected this token: create a new one and Rotate.', { exact: true }));
    expect(notion().requests(acme.token).length).toBeGreaterThan(before);
    await expectNoSecretInPage(page, tokens);

    await backToList(page);
    await shown(badge(row(page, acme.entry.name), 'Rejected by Notion'));
    expect((await listed(w.harness)).map((e) => e.shownStatus)).toEqual(['invalid']);
    await w.finish();
  });

  it('rotates only to a token of the same workspace, and drops the old secret only once the new one is stored', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page, harness, vault } = w;
    const { id, name } = acme.entry;
    await openDetails(page, name);
    const manage = region(page, 'Actions');
    const rotate = async (token: string): Promise<void> => {
      const toggle = button(manage, 'Rotate');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await manage.getByLabel('Replacement token', { exact: true }).fill(token);
      await button(manage, 'Replace token').click();
    };

    // Another workspace: refused, said next to the form, and the old secret stays.
    const globex = fakeToken();
    tokens.push(globex);
    notion().setToken(globex, { identity: 'internal', workspaceName: 'Globex' });
    await rotate(globex);
    const refusal = manage.getByRole('alert');
    await shown(refusal);
    const refusalText = await refusal.innerText();
    expect(refusalText).toMatch(/^Not rotated/);
    expect(refusalText).toContain('Globex');
    expect(refusalText).toContain('Acme');
    await expectNoSecretInPage(page, tokens);
    expect(await reveal(harness, id)).toBe(acme.token);
    expect((await keychainItems(vault.service)).filter((item) => item.secret === globex)).toEqual([]);

    // The same workspace: accepted; the new secret is the one stored, the old one is in no item, nothing is left staged.
    const fresh = fakeToken();
    tokens.push(fresh);
    notion().setToken(fresh, { identity: 'internal', workspaceName: 'Acme' });
    await rotate(fresh);
    await shown(statusMessage(manage, 'Rotated: the new token is stored and the old one is gone from the keychain.'));
    expect(await manage.getByRole('alert').count()).toBe(0);
    await shown(region(page, 'Status history').getByRole('listitem').filter({ hasText: 'Rotated' }));
    await expectNoSecretInPage(page, tokens);
    expect(await reveal(harness, id)).toBe(fresh);
    let items = await keychainItems(vault.service);
    expect(items.filter((item) => item.secret === acme.token).map((item) => item.account)).toEqual([]);
    expect(items.map((item) => item.account)).not.toContain(`${id}.rotating`);
    expect(items.filter((item) => item.account === id).map((item) => item.secret === fresh)).toEqual([true]);
    const [rotated] = await listed(harness);
    expect(rotated?.history.map((h) => h.event)).toEqual(['added', 'rotated']);

    // A replacement Notion refuses (revoked): nothing changes, and the stored token still works.
    const refused = fakeToken();
    tokens.push(refused);
    notion().setToken(refused, { identity: 'internal', workspaceName: 'Acme', revoked: true });
    await rotate(refused);
    await shown(manage.getByRole('alert').filter({ hasText: /^Not rotated/ }));
    await expectNoSecretInPage(page, tokens);
    expect(await reveal(harness, id)).toBe(fresh);
    items = await keychainItems(vault.service);
    expect(items.filter((item) => item.secret === refused).map((item) => item.account)).toEqual([]);
    expect(items.map((item) => item.account)).not.toContain(`${id}.rotating`);
    const [still] = await listed(harness);
    expect(still?.history.map((h) => h.event)).toEqual(['added', 'rotated']);
    await button(manage, 'Cancel').click();
    const status = region(page, 'Status');
    const asked = notion().requests(fresh).length;
    await button(status, 'Check now').click();
    await shown(statusMessage(status, 'Checked: valid.'));
    expect(notion().requests(fresh).length).toBeGreaterThan(asked);
    await w.finish();
  });

  it('removes only once confirmed: Cancel keeps the token, Remove from vault deletes it and its keychain item', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    let globex!: { token: string; entry: EntrySummary };
    const w = await open(tokens, {
      seed: async (h) => {
        acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' });
        globex = await seed(h, tokens, { identity: 'internal', workspaceName: 'Globex' });
      },
    });
    const { page, harness, vault } = w;
    const { id, name } = acme.entry;
    await openDetails(page, name);
    const dialog = page.getByRole('dialog', { name: `Remove ${name}?`, exact: true });

    await button(page, 'Remove').click();
    await shown(dialog);
    await button(dialog, 'Cancel').click();
    await hidden(dialog);
    await shown(viewTitle(page, name));
    expect((await listed(harness)).map((e) => e.name).sort()).toEqual([name, globex.entry.name].sort());
    expect((await keychainItems(vault.service)).map((item) => item.account)).toContain(id);

    await button(page, 'Remove').click();
    await shown(dialog);
    await button(dialog, 'Remove from vault').click();
    await shown(viewTitle(page, 'Your tokens'));
    expect(await view(page)).toBe('list');
    await shown(statusMessage(page, `Removed ${name}.`));
    await hidden(button(page, name));
    await shown(button(page, globex.entry.name));
    expect((await listed(harness)).map((e) => e.name)).toEqual([globex.entry.name]);
    const accounts = (await keychainItems(vault.service)).map((item) => item.account);
    expect(accounts).not.toContain(id);
    expect(accounts).toContain(globex.entry.id);
    await w.finish();
  });

  it('reveals the token on request only, counts the 30 s down, and hides it again after them or on Hide', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page } = w;
    // Playwright's clock from the page's first script on: the reveal timer is then in the test's hands.
    // Opened again from the printed URL (a reload would not do: the bridge dropped the key from the address bar).
    await page.clock.install();
    await page.goto(w.harness.url);
    await shown(viewTitle(page, 'Your tokens'));
    await openDetails(page, acme.entry.name);
    await expectNoSecretInPage(page, tokens);
    const use = region(page, 'Actions');
    const secret = use.locator('code.secret');

    await button(use, 'Reveal').click();
    await shown(secret);
    expect(await secret.innerText()).toBe(acme.token);
    await shown(button(use, 'Hide'));
    // The countdown counts down, second by second.
    const countdown = use.getByText(/^Hidden again in \d+ s\.$/);
    expect(await countdown.innerText()).toBe('Hidden again in 30 s.');
    await page.clock.fastForward('00:01');
    await expect.poll(() => countdown.innerText()).toBe('Hidden again in 29 s.');
    await page.clock.fastForward('00:19');
    await expect.poll(() => countdown.innerText()).toBe('Hidden again in 10 s.');
    expect(await secret.innerText()).toBe(acme.token);
    await page.clock.fastForward('00:11');
    await hidden(secret);
    await shown(button(use, 'Reveal'));
    await expectNoSecretInPage(page, tokens);

    await button(use, 'Reveal').click();
    await shown(secret);
    expect(await secret.innerText()).toBe(acme.token);
    await button(use, 'Hide').click();
    await hidden(secret);
    await expectNoSecretInPage(page, tokens);
    await w.finish();
  });

  it('copies through main: the token, or NOTION_TOKEN=…, with the clearing delay said', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page, harness } = w;
    await openDetails(page, acme.entry.name);
    const use = region(page, 'Actions');

    let from = harness.records.length;
    await button(use, 'Copy token').click();
    await harness.waitFor('clipboard', (r) => r.text === acme.token, { from });
    await shown(statusMessage(use, 'Copied; the clipboard is cleared in 30 s'));
    await expectNoSecretInPage(page, tokens);

    from = harness.records.length;
    await button(use, 'Copy as NOTION_TOKEN=…').click();
    const env = await harness.waitFor('clipboard', (r) => r.text.startsWith('NOTION_TOKEN='), { from });
    expect(env.text === `NOTION_TOKEN=${acme.token}`).toBe(true);
    await shown(statusMessage(use, 'Copied; the clipboard is cleared in 30 s'));
    await expectNoSecretInPage(page, tokens);
    await w.finish();
  });

  it('renames: the list shows the new name; a bad name shows the rule and changes nothing', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page, harness } = w;
    const { name } = acme.entry;
    await openDetails(page, name);
    const manage = region(page, 'Actions');

    await button(manage, 'Rename').click();
    const field = manage.getByLabel('New name', { exact: true });
    await field.fill('-not a name');
    await button(manage, 'Save name').click();
    const rule = 'Names are 1–64 letters, digits, ".", "_", "-" or "@", not starting with "-" or ".": pick another name.';
    await shown(manage.getByRole('alert').filter({ hasText: rule }));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await listed(harness)).map((e) => e.name)).toEqual([name]);

    await field.fill('acme-scripts');
    await button(manage, 'Save name').click();
    await shown(statusMessage(manage, 'Renamed to acme-scripts.'));
    await shown(viewTitle(page, 'acme-scripts'));
    expect(await manage.getByRole('alert').count()).toBe(0);
    await backToList(page);
    await shown(button(page, 'acme-scripts'));
    expect(await button(page, name).count()).toBe(0);
    expect((await listed(harness)).map((e) => e.name)).toEqual(['acme-scripts']);
    await w.finish();
  });

  it('goes to an entry when the tray asks (Details…)', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    let globex!: { token: string; entry: EntrySummary };
    const w = await open(tokens, {
      seed: async (h) => {
        acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' });
        globex = await seed(h, tokens, { identity: 'internal', workspaceName: 'Globex' });
      },
    });
    const { page, harness } = w;
    await button(page.getByRole('navigation', { name: 'Vault' }), 'Settings').click();
    await shown(viewTitle(page, 'Settings'));

    const from = harness.records.length;
    await harness.tray({ type: 'details', entryId: globex.entry.id });
    await harness.waitFor('navigate', (r) => r.target.view === 'details' && r.target.id === globex.entry.id, { from });
    await shown(viewTitle(page, globex.entry.name));
    expect(await view(page)).toBe('details');

    await harness.tray({ type: 'details', entryId: acme.entry.id });
    await shown(viewTitle(page, acme.entry.name));
    expect(await view(page)).toBe('details');
    await w.finish();
  });

  it('shows what the CLI changes (rename, remove) without a reload', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    let globex!: { token: string; entry: EntrySummary };
    const w = await open(tokens, {
      seed: async (h) => {
        acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' });
        globex = await seed(h, tokens, { identity: 'internal', workspaceName: 'Globex' });
      },
    });
    const { page, vault } = w;
    // A marker on the document: a reload would drop it.
    await page.evaluate(() => { (window as unknown as { marker: boolean }).marker = true; });

    const renamed = await runCli(['rename', acme.entry.name, 'acme-ci'], { env: vault.env });
    expect(renamed.code, renamed.stderr).toBe(0);
    await shown(button(page, 'acme-ci'));
    expect(await button(page, acme.entry.name).count()).toBe(0);

    // The details of an entry the CLI removes: the window says it is gone.
    await openDetails(page, globex.entry.name);
    const removed = await runCli(['remove', globex.entry.name], { env: vault.env });
    expect(removed.code, removed.stderr).toBe(0);
    await shown(viewTitle(page, 'Token not found'));
    await button(page, 'Back to the list').click();
    await shown(button(page, 'acme-ci'));
    expect(await button(page, globex.entry.name).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await w.finish();
  });

  it('filters the list with the search box', async () => {
    const tokens: string[] = [];
    const names: string[] = [];
    const w = await open(tokens, {
      seed: async (h) => {
        names.push((await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' })).entry.name);
        names.push((await seed(h, tokens, { identity: 'internal', workspaceName: 'Globex' })).entry.name);
        names.push((await seed(h, tokens, { identity: 'oauth', workspaceName: 'Globex' }, { kind: 'oauth' })).entry.name);
        names.push((await seed(h, tokens, { identity: 'pat-person', userName: 'Ada' }, { kind: 'pat', workspace: 'Initech' })).entry.name);
      },
    });
    const { page } = w;
    expect(names).toEqual(['acme-internal', 'globex-internal', 'globex-oauth', 'initech-pat']);
    const search = page.getByRole('searchbox', { name: 'Search tokens', exact: true });
    const rowNames = async (): Promise<string[]> => (await page.locator('#entries tbody th').allInnerTexts()).sort();
    const workspaces = async (): Promise<string[]> => page.locator('#entries').getByRole('heading', { level: 3 }).allInnerTexts();
    await shown(page.getByText('4 tokens in 3 workspaces', { exact: true }));
    await expect.poll(rowNames).toEqual(names);

    await search.fill('globex');
    await shown(page.getByText('2 of 4 tokens match', { exact: true }));
    await expect.poll(rowNames).toEqual(['globex-internal', 'globex-oauth']);
    await expect.poll(workspaces).toEqual(['Globex · 2 tokens']);

    await search.fill('internal acme');
    await shown(page.getByText('1 of 4 tokens match', { exact: true }));
    await expect.poll(rowNames).toEqual(['acme-internal']);

    // The count reads the same as before (1 of 4): the rows, polled, tell the new filter has applied.
    await search.fill('PAT');
    await shown(page.getByText('1 of 4 tokens match', { exact: true }));
    await expect.poll(rowNames).toEqual(['initech-pat']);

    await search.fill('nothing-like-this');
    await shown(page.getByText('No token matches “nothing-like-this”.', { exact: true }));
    await expect.poll(rowNames).toEqual([]);

    await search.fill('');
    await shown(page.getByText('4 tokens in 3 workspaces', { exact: true }));
    await expect.poll(rowNames).toEqual(names);
    await w.finish();
  });

  it('saves settings through main, and shows main’s message for an out-of-range value', async () => {
    const tokens: string[] = [];
    let acme!: { token: string; entry: EntrySummary };
    const w = await open(tokens, { seed: async (h) => { acme = await seed(h, tokens, { identity: 'internal', workspaceName: 'Acme' }); } });
    const { page, harness } = w;
    const before = valueOf(await harness.ipc('settings:get'));
    await button(page.getByRole('navigation', { name: 'Vault' }), 'Settings').click();
    await shown(viewTitle(page, 'Settings'));
    expect(await view(page)).toBe('settings');
    const interval = page.getByLabel('Check interval (hours)', { exact: true });
    const clipboard = page.getByLabel('Clipboard clear delay (seconds)', { exact: true });
    await shown(interval);
    expect(await interval.inputValue()).toBe(String(before.checkIntervalHours));

    await interval.fill('12');
    await clipboard.fill('45');
    await button(page, 'Save settings').click();
    await shown(statusMessage(page, 'Settings saved.'));
    const saved = valueOf(await harness.ipc('settings:get'));
    expect(saved).toEqual({ ...before, checkIntervalHours: 12, clipboardClearSeconds: 45 });

    await interval.fill('0');
    await button(page, 'Save settings').click();
    const alert = page.getByRole('alert');
    await shown(alert);
    expect(await alert.innerText()).toMatch(/^The setting checkIntervalHours is out of range: check interval 1 h–30 days/);
    expect(valueOf(await harness.ipc('settings:get'))).toEqual(saved);

    await interval.fill('12');
    await clipboard.fill('4000');
    await button(page, 'Save settings').click();
    await shown(page.getByRole('alert').filter({ hasText: 'The setting clipboardClearSeconds is out of range' }));
    expect(valueOf(await harness.ipc('settings:get'))).toEqual(saved);

    // The saved delay is the one a copy uses.
    await button(page.getByRole('navigation', { name: 'Vault' }), 'Tokens').click();
    await openDetails(page, acme.entry.name);
    await button(page, 'Copy token').click();
    await shown(statusMessage(page, 'Copied; the clipboard is cleared in 45 s'));
    await w.finish();
  });
});
