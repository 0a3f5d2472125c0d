// The add-token wizard end to end, driven like a person with a mouse: each kind of token through
// the four steps in Debian's Chromium, on the browser harness (real core, real gnome-keyring) against
// the Notion emulator. After every Check and every Save no token is in the page; at the end none is
// in the harness's records or logs.

import type { Locator, Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeToken } from '../support/cli';
import { expectNoSecretInPage, expectRecordsClean, openVaultWindow, useBrowser, type VaultWindow } from '../support/e2e';
import { useSharedEmulator } from '../support/shared-emulator';

const browser = useBrowser();
const notion = useSharedEmulator();

let win: VaultWindow | undefined;
afterEach(async () => {
  const open = win;
  win = undefined;
  await open?.close();
});

async function open(): Promise<VaultWindow> {
  win = await openVaultWindow(browser(), notion().url);
  win.page.setDefaultTimeout(5_000); // a missing element fails in seconds, not at the test's timeout
  return win;
}

/** How the window shows a token: `ntn_…a1b2`. */
const redacted = (token: string): string => `ntn_…${token.slice(-4)}`;

const KIND_LABEL = { pat: 'Personal access token (PAT)', internal: 'Internal integration secret', oauth: 'OAuth token' } as const;
const KIND_NOUN = { pat: 'personal access token', internal: 'internal integration secret', oauth: 'OAuth token' } as const;
type Kind = keyof typeof KIND_LABEL;

function heading(page: Page, name: string, level?: number): Locator {
  return page.getByRole('heading', { name, exact: true, ...(level === undefined ? {} : { level }) });
}

/** Waits until the locator's text contains `text`, then returns the text. */
async function textOf(locator: Locator, text: string): Promise<string> {
  await expect.poll(async () => (await locator.textContent()) ?? '', { timeout: 5_000 }).toContain(text);
  return (await locator.textContent()) ?? '';
}

/** From anywhere: the wizard's step 1, kind chosen, Next, and step 2. */
async function startWizard(page: Page, kind: Kind): Promise<void> {
  await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Add token', exact: true }).click();
  await heading(page, 'Add a token', 2).waitFor();
  await heading(page, 'Step 1 of 4: Choose the kind of token', 3).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('add');
  await page.getByRole('group', { name: 'Which kind of token?' }).getByRole('radio', { name: KIND_LABEL[kind], exact: true }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await heading(page, `Step 2 of 4: Create the ${KIND_NOUN[kind]} in Notion`, 3).waitFor();
  expect(await page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]').textContent()).toContain('Create it in Notion');
}

/** Step 2 → step 3. */
async function toPasteStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await heading(page, 'Step 3 of 4: Paste and check the token', 3).waitFor();
}

/** The masked paste field. */
const tokenField = (page: Page): Locator => page.getByLabel('Token', { exact: true });

/** Types into the Token field, presses Check, and waits for Notion's answer (a heading in the result). */
async function pasteAndCheck(page: Page, text: string, result: string): Promise<void> {
  await tokenField(page).fill(text);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await heading(page, result, 4).waitFor();
  expect(await tokenField(page).inputValue(), 'the field is emptied once the token is handed over').toBe('');
}

/** Step 3 → step 4. */
async function toSaveStep(page: Page, kind: Kind): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await heading(page, `Step 4 of 4: Name and save the ${KIND_LABEL[kind]}`, 3).waitFor();
}

/** Save, then the details of the new entry. */
async function save(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await heading(page, name, 2).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('details');
  await textOf(page.getByRole('status').filter({ hasText: 'Saved' }), `Saved ${name} in the vault.`);
}

/** A definition list's value for a term, inside `scope`. */
async function fact(scope: Locator, term: string): Promise<string> {
  const dd = scope.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  return ((await dd.textContent()) ?? '').trim();
}

/** The list, the workspace's group (h3 "NAME · N tokens"), and the entry's row in it. */
async function rowInList(page: Page, workspace: string, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Back to the list', exact: true }).click();
  await heading(page, 'Your tokens', 2).waitFor();
  const group = page.getByRole('region', { name: new RegExp(`^${workspace} ·`) });
  const row = group.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });
  await row.waitFor();
  return row;
}

describe('the add-token wizard', () => {
  it('adds an internal integration secret pasted as "Bearer ntn_…": checked, saved, listed under its workspace', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Acme Corp', userName: 'Sync bot' });
    const { page, harness } = await open();

    await startWizard(page, 'internal');
    await toPasteStep(page);

    await tokenField(page).fill(`Bearer ${token}`);
    const feedback = page.locator('.field', { has: tokenField(page) }).locator('[aria-live="polite"]');
    const said = await textOf(feedback, 'Removed the Bearer prefix around it.');
    expect(said).toContain(`Looks like a token: ${redacted(token)}.`);
    expect(said).not.toContain(token.slice(4, 20));
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(token);
    expect(notion().requests(token), 'nothing sent before Check').toEqual([]);

    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await heading(page, `Notion accepted ${redacted(token)}`, 4).waitFor();
    expect(await tokenField(page).inputValue()).toBe('');
    await expectNoSecretInPage(page, [token]);
    const result = page.locator('.result-ok');
    expect(await fact(result, 'Workspace')).toBe('Acme Corp');
    expect(await fact(result, 'Identity')).toBe('Sync bot (bot)');
    expect(await result.textContent()).not.toContain('Switch to');
    // The wrapper never reached Notion: the emulator saw the bare token.
    expect(notion().requests(token).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/search']);

    await toSaveStep(page, 'internal');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('acme-corp-internal');
    await page.getByText('Workspace: Acme Corp', { exact: true }).waitFor();
    expect(await page.getByLabel('Workspace (optional)').count(), 'Notion named the workspace').toBe(0);
    await save(page, 'acme-corp-internal');
    await expectNoSecretInPage(page, [token]);
    expect(await page.locator('.subtitle').textContent()).toBe('Internal integration secret · Acme Corp');
    const status = page.getByRole('region', { name: 'Status', exact: true });
    await textOf(status, 'Valid');
    const details = page.getByRole('region', { name: 'Details', exact: true });
    expect(await fact(details, 'Identity')).toBe('Sync bot (bot)');
    expect(await fact(details, 'Expires')).toBe('Never');

    const row = await rowInList(page, 'Acme Corp', 'acme-corp-internal');
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('Internal integration');
    expect(cells[1]).toContain('Valid');
    expect(cells[2]).toBe('no expiry');
    await expectNoSecretInPage(page, [token]);

    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => [e.name, e.kind, e.workspaceName, e.status])).toEqual([['acme-corp-internal', 'internal', 'Acme Corp', 'valid']]);
    expectRecordsClean(harness, [token]);
  });

  it('refuses a revoked token inline with Notion\'s reason and what to do, and stores nothing', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', revoked: true });
    const { page, harness } = await open();

    await startWizard(page, 'internal');
    await toPasteStep(page);
    await pasteAndCheck(page, token, 'Notion rejected this token');
    await expectNoSecretInPage(page, [token]);
    const refusal = page.locator('.result-error');
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('Notion says the token is invalid (revoked, expired, refreshed or blocked)');
    expect(text).toContain('Create a new token in Notion, then paste it here again.');
    expect(text.match(/create a new/gi), 'the fix is said once').toHaveLength(1);
    expect(text, 'no fix meant for another command').not.toContain('rotate it in');
    expect(await page.getByRole('button', { name: 'Next', exact: true }).isDisabled(), 'a refused token cannot go on to Save').toBe(true);

    const listed = await harness.ipc('vault:list');
    expect(listed).toEqual({ ok: true, value: [] });
    expectRecordsClean(harness, [token]);
  });

  it('never shows a stale result: new text takes the last result away, an answer still on its way never lands, and what was removed around the token stays said', async () => {
    const first = fakeToken();
    const slow = fakeToken();
    const third = fakeToken();
    notion().setToken(first, { identity: 'internal', workspaceName: 'Acme' });
    notion().setToken(slow, { identity: 'internal', workspaceName: 'Globex', delayMs: 1_500 });
    notion().setToken(third, { identity: 'internal', workspaceName: 'Initech' });
    const { page, harness } = await open();
    await startWizard(page, 'internal');
    await toPasteStep(page);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    const feedback = page.locator('.field', { has: tokenField(page) }).locator('[aria-live="polite"]');

    // Checked: the result, and the note on what was removed from the paste, both shown after Check.
    await pasteAndCheck(page, `NOTION_TOKEN="${first}"`, `Notion accepted ${redacted(first)}`);
    expect(await feedback.textContent()).toBe(`Sent ${redacted(first)} to check. Removed NOTION_TOKEN= and quotes around it.`);
    expect(await next.isDisabled()).toBe(false);

    // New text typed: the result was about the text before, so it goes, and Next with it.
    await tokenField(page).pressSequentially('ntn_');
    await heading(page, `Notion accepted ${redacted(first)}`, 4).waitFor({ state: 'detached' });
    expect(await page.locator('.result').count()).toBe(0);
    expect(await next.isDisabled(), 'nothing checked to go on with').toBe(true);

    // An answer still on its way when new text comes never lands.
    await tokenField(page).fill(slow);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Checking with Notion…' }).waitFor();
    await tokenField(page).fill(third);
    await expect.poll(() => notion().requests(slow).some((r) => r.path === '/v1/search'), { timeout: 5_000 }).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Checking with Notion…' }).waitFor({ state: 'detached' });
    expect(await page.locator('.result').count(), 'the slow answer is about text no longer there').toBe(0);
    expect(await page.getByText('Globex').count()).toBe(0);
    expect(await next.isDisabled()).toBe(true);

    // The text now in the field is the one checked and saved.
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await heading(page, `Notion accepted ${redacted(third)}`, 4).waitFor();
    await toSaveStep(page, 'internal');
    await save(page, 'initech-internal');
    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => e.workspaceName)).toEqual(['Initech']);
    await expectNoSecretInPage(page, [first, slow, third]);
    expectRecordsClean(harness, [first, slow, third]);
  });

  it('shows the pages-shared fix for a token that sees no pages, and Check again clears it once a page is shared', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Beta', pagesShared: false });
    const { page, harness } = await open();

    await startWizard(page, 'internal');
    await toPasteStep(page);
    await pasteAndCheck(page, token, `Notion accepted ${redacted(token)}`);
    await expectNoSecretInPage(page, [token]);
    const warning = page.locator('.result-ok .notice-warning');
    const said = await textOf(warning, 'No pages are shared with this connection yet.');
    expect(said).toContain('open a page → ••• → Connections → Add connection, then Check again');

    notion().updateToken(token, { pagesShared: true });
    const searches = notion().requests(token).filter((r) => r.path === '/v1/search').length;
    await page.getByRole('button', { name: 'Check again', exact: true }).click();
    await warning.waitFor({ state: 'detached' });
    await heading(page, `Notion accepted ${redacted(token)}`, 4).waitFor();
    expect(notion().requests(token).filter((r) => r.path === '/v1/search').length, 'Check again asked Notion again').toBe(searches + 1);
    await expectNoSecretInPage(page, [token]);

    await toSaveStep(page, 'internal');
    await save(page, 'beta-internal');
    await expectNoSecretInPage(page, [token]);
    expect(await page.getByText('No pages are shared with this connection yet.').count()).toBe(0);
    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => e.pagesShared)).toEqual([true]);
    expectRecordsClean(harness, [token]);
  });

  it('saves a token that still sees no pages, with the warning in the details and the list', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Gamma', pagesShared: false });
    const { page, harness } = await open();

    await startWizard(page, 'internal');
    await toPasteStep(page);
    await pasteAndCheck(page, token, `Notion accepted ${redacted(token)}`);
    await expectNoSecretInPage(page, [token]);
    await toSaveStep(page, 'internal');
    await save(page, 'gamma-internal');
    await expectNoSecretInPage(page, [token]);

    const saved = page.getByRole('status').filter({ hasText: 'Saved gamma-internal in the vault.' });
    expect(await saved.textContent()).toContain('gamma-internal sees no pages yet: in Notion open a page, ••• → Connections → Add connection.');
    const status = page.getByRole('region', { name: 'Status', exact: true });
    await textOf(status, 'No pages are shared with this connection yet.');
    expect(await status.textContent()).toContain('open a page → ••• → Connections → Add connection, then Check now.');
    // The details' Check now does it: no Check again right above it.
    await status.getByRole('button', { name: 'Check now', exact: true }).waitFor();
    expect(await status.getByRole('button', { name: 'Check again', exact: true }).count()).toBe(0);

    const row = await rowInList(page, 'Gamma', 'gamma-internal');
    expect(await row.textContent()).toContain('No pages shared with it');
    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => e.pagesShared)).toEqual([false]);
    expectRecordsClean(harness, [token]);
  });

  // Real clocks, no NOTION_VAULT_NOW: the window turns "created today, 30 days" into dates with its
  // reading of main's clock, and main counts daysLeft with its own.
  it('adds a personal access token with a 30-day expiry created today: 30 days left, in the workspace given', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'pat-person', userName: 'Ada' });
    const { page, harness } = await open();

    await startWizard(page, 'pat');
    const expiry = page.getByLabel('Expiry chosen in Notion', { exact: true });
    expect(await expiry.inputValue(), "Notion's default").toBe('365');
    await expiry.selectOption({ label: '30 days' });
    expect(await page.getByLabel('Expiry date', { exact: true }).count(), 'only for "A specific date"').toBe(0);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(await page.getByLabel('Created on', { exact: true }).inputValue()).toBe(today);
    await page.locator('.pat-dates').getByText(/^Expires on /).waitFor();

    await toPasteStep(page);
    await pasteAndCheck(page, token, `Notion accepted ${redacted(token)}`);
    await expectNoSecretInPage(page, [token]);
    const result = page.locator('.result-ok');
    expect(await fact(result, 'Workspace')).toBe('Not given by Notion (you can name it in the next step)');
    expect(await fact(result, 'Identity')).toBe('Ada (person)');
    expect(await result.textContent()).not.toContain('Switch to');

    await toSaveStep(page, 'pat');
    expect(await page.getByLabel('Expiry chosen in Notion', { exact: true }).inputValue(), 'the choice made in step 2 is kept').toBe('30');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('notion-pat');
    await page.getByLabel('Workspace (optional)', { exact: true }).fill('Acme');
    await save(page, 'notion-pat');
    await expectNoSecretInPage(page, [token]);

    const status = page.getByRole('region', { name: 'Status', exact: true });
    await textOf(status, '30 days left');
    const details = page.getByRole('region', { name: 'Details', exact: true });
    expect(await page.locator('.subtitle').textContent()).toBe('Personal access token (PAT) · Acme');
    expect(await fact(details, 'Identity')).toBe('Ada (person)');

    const row = await rowInList(page, 'Acme', 'notion-pat');
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('PAT');
    expect(cells[1]).toContain('Valid');
    expect(cells[2]).toBe('30 days left');

    const listed = await harness.ipc('vault:list');
    if (!listed.ok) throw new Error(listed.message);
    const [entry] = listed.value;
    expect(entry?.workspaceName).toBe('Acme');
    expect(entry?.daysLeft).toBe(30);
    const lifetime = Date.parse(entry?.expiresAt ?? '') - Date.parse(entry?.createdAt ?? '');
    expect(lifetime).toBe(30 * 86_400_000);
    expectRecordsClean(harness, [token]);
  });

  it('adds a pasted OAuth access token as an OAuth token', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'oauth', workspaceName: 'Delta', userName: 'Public app' });
    const { page, harness } = await open();

    await startWizard(page, 'oauth');
    await toPasteStep(page);
    await pasteAndCheck(page, token, `Notion accepted ${redacted(token)}`);
    await expectNoSecretInPage(page, [token]);
    const result = page.locator('.result-ok');
    expect(await fact(result, 'Workspace')).toBe('Delta');
    expect(await fact(result, 'Identity')).toBe('Public app (bot)');
    expect(await result.textContent(), 'a person-owned bot fits the OAuth kind').not.toContain('Switch to');

    await toSaveStep(page, 'oauth');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('delta-oauth');
    expect(await page.getByLabel('Expiry chosen in Notion').count(), 'no PAT dates for OAuth').toBe(0);
    await save(page, 'delta-oauth');
    await expectNoSecretInPage(page, [token]);
    expect(await page.locator('.subtitle').textContent()).toBe('OAuth token · Delta');

    const row = await rowInList(page, 'Delta', 'delta-oauth');
    expect((await row.getByRole('cell').allTextContents())[0]).toBe('OAuth');
    const listed = await harness.ipc('vault:list');
    expect(listed.ok && listed.value.map((e) => [e.kind, e.expiresAt])).toEqual([['oauth', null]]);
    expectRecordsClean(harness, [token]);
  });

  it('offers a token found on the clipboard when the window gains focus, and Use it checks it', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Epsilon' });
    const { page, harness } = await open();

    await startWizard(page, 'internal');
    await toPasteStep(page);
    const offer = page.getByText(`A token (${redacted(token)}) is on your clipboard.`, { exact: true });
    expect(await page.getByRole('button', { name: 'Use it', exact: true }).count(), 'nothing on the clipboard yet').toBe(0);

    await harness.setClipboard(`NOTION_TOKEN=${token}`);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await offer.waitFor();
    await expectNoSecretInPage(page, [token]);
    await page.getByRole('button', { name: 'Use it', exact: true }).click();
    await heading(page, `Notion accepted ${redacted(token)}`, 4).waitFor();
    await offer.waitFor({ state: 'detached' });
    await expectNoSecretInPage(page, [token]);
    expect(await fact(page.locator('.result-ok'), 'Workspace')).toBe('Epsilon');

    await toSaveStep(page, 'internal');
    await save(page, 'epsilon-internal');
    await expectNoSecretInPage(page, [token]);
    expect(harness.records.filter((r) => r.type === 'clipboard'), 'reading the clipboard writes nothing').toEqual([]);
    expectRecordsClean(harness, [token]);
  });

  it('opens the right Notion page for each kind in the browser', async () => {
    const { page, harness } = await open();
    const pages: [Kind, string, string][] = [
      ['pat', 'Open Personal access tokens', 'https://www.notion.so/developers/tokens'],
      ['internal', 'Open Integrations', 'https://www.notion.so/profile/integrations'],
      ['oauth', 'Open the developer portal', 'https://www.notion.so/developers'],
    ];
    for (const [kind, label, url] of pages) {
      await startWizard(page, kind);
      const from = harness.records.length;
      await page.getByRole('button', { name: `${label} (opens in your browser)`, exact: true }).click();
      const opened = await harness.waitFor('open-external', () => true, { from });
      expect(opened.url, label).toBe(url);
      expect(await page.getByRole('alert').count(), 'main opened it without complaint').toBe(0);
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await heading(page, 'Your tokens', 2).waitFor();
    }
    expect(harness.records.flatMap((r) => (r.type === 'open-external' ? [r.url] : [])), 'one page per click').toEqual(pages.map(([, , url]) => url));
    expectRecordsClean(harness, []);
  });
});
