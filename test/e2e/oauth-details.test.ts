// A connected OAuth entry in the vault window: its details offer "Connect again" instead of Rotate
// (main refuses to rotate a connection), with advice to match when Notion rejects it, and the
// button opens the wizard's OAuth path with the entry's integration chosen, where connecting the
// same workspace gives that entry new tokens in place. And a connect left waiting in main by an
// earlier page (a reload) can be cancelled from the new one. And, in the same wizard, a token check
// that answers after its paste step was left neither lands nor leaves its draft in main. Debian's Chromium (Playwright) on the
// browser harness: the real core on the suite's private gnome-keyring, against the Notion emulator.

import type { Locator, Page, Request } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { Envelope, IntegrationSummary, StoredResult } from '../../electron/common/ipc-contract';
import { fakeToken } from '../support/cli';
import { expectAccessible, expectNoSecretInPage, expectRecordsClean, openCheckedWindow, useBrowser, valueOf, type CheckedWindow, type WindowOptions } from '../support/e2e';
import type { Harness } from '../support/harness';
import { actAsBrowser, clientSecrets, newOAuthClient, type OAuthClient } from '../support/oauth';
import { authorizeUrl, seedConnection, seedIntegration } from '../support/oauth-window';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

const WAIT_MS = 5_000;

// ---------------------------------------------------------------------------
// Helpers

const newClient = (workspaceName: string): Promise<OAuthClient> => newOAuthClient(notion(), workspaceName);

/** A fresh vault and its window; `finish` checks page, records and logs for the clients' secrets, then closes it. */
const open = (clients: readonly OAuthClient[], options: WindowOptions = {}): Promise<CheckedWindow> =>
  openCheckedWindow(browser(), notion().url, () => clientSecrets(notion(), clients), options, WAIT_MS);

/** Notion revokes the grant (as "Disconnect" in Notion's settings does): the access and refresh tokens both die. */
async function revokeInNotion(client: OAuthClient): Promise<void> {
  const pair = notion().currentPair(client.clientId);
  if (pair === null) throw new Error('no pair to revoke');
  const response = await fetch(`${notion().url}/v1/oauth/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
    body: JSON.stringify({ token: pair.access }),
  });
  if (!response.ok) throw new Error(`revoke answered ${String(response.status)}`);
}

const button = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });
const heading = (page: Page, name: string, level: number): Locator => page.getByRole('heading', { name, exact: true, level });
const alert = (scope: Page | Locator, text: string): Locator => scope.getByRole('alert').filter({ hasText: text });
const status = (scope: Page | Locator, text: string): Locator => scope.getByRole('status').filter({ hasText: text });
const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
const shown = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });
const focused = (page: Page): Promise<string | null | undefined> => page.evaluate(() => document.activeElement?.textContent);

/** Add token → OAuth token: the Connect with OAuth panel on step 1. */
async function toConnectPanel(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Add token', exact: true }).click();
  await heading(page, 'Step 1 of 4: Choose the kind of token', 3).waitFor();
  await page.getByRole('group', { name: 'Which kind of token?' }).getByRole('radio', { name: 'OAuth token', exact: true }).check();
  const panel = region(page, 'Connect with OAuth');
  await shown(panel);
  return panel;
}

async function entries(harness: Harness): Promise<{ id: string; name: string; shownStatus: string }[]> {
  return valueOf(await harness.ipc('vault:list')).map(({ id, name, shownStatus }) => ({ id, name, shownStatus }));
}

// ---------------------------------------------------------------------------

describe('A connected OAuth entry in the vault window', () => {
  it('offers Connect again instead of Rotate; it opens the OAuth path with its integration chosen and reconnects the entry in place', async () => {
    const other = await newClient('Elsewhere');
    const client = await newClient('Acme');
    let integration: IntegrationSummary | undefined;
    let connected: StoredResult | undefined;
    const w = await open([other, client], {
      seed: async (h) => {
        await seedIntegration(h, other, 'first-app'); // listed first: the wizard's default, unless the entry's is chosen
        integration = await seedIntegration(h, client, 'my-app');
        connected = await seedConnection(h, integration, 'acme');
      },
    });
    const { page, harness } = w;
    if (integration === undefined || connected === undefined) throw new Error('not seeded');

    // Notion revokes the connection; a check finds it rejected.
    await revokeInNotion(client);
    await button(page, 'acme').click();
    await shown(heading(page, 'acme', 2));
    await button(region(page, 'Status'), 'Check now').click();
    await shown(status(page, 'Checked: rejected by notion.'));
    const advice = region(page, 'Status').locator('p').filter({ hasText: 'Connect again' });
    await shown(advice);
    expect(await advice.textContent()).toBe('Notion rejected this connection and it cannot refresh itself: Connect again through the same integration and workspace.');
    expect(await region(page, 'Status').textContent()).not.toContain('Rotate');

    // Manage: no Rotate (main would refuse), Connect again with what it does.
    const manage = region(page, 'Actions');
    expect(await button(manage, 'Rotate').count()).toBe(0);
    const again = button(manage, 'Connect again');
    await shown(again);
    const description = await again.evaluate((el) => el.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    expect(description).toContain('connect again through the same integration and pick the same workspace (Acme) in Notion');
    await expectAccessible(page, 'details of a rejected connection');

    // By keyboard: the wizard opens on the OAuth path, the entry's integration chosen.
    await again.focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Step 1 of 4: Choose the kind of token', 3).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('add');
    expect(await page.getByRole('radio', { name: 'OAuth token', exact: true }).isChecked()).toBe(true);
    const panel = region(page, 'Connect with OAuth');
    await shown(panel);
    await shown(panel.getByText('To connect acme again, keep “my-app” chosen, choose Connect, and pick the same workspace (Acme) in Notion'));
    const select = panel.getByLabel('Public integration', { exact: true });
    await expect.poll(() => select.inputValue()).toBe(integration.id);
    await expectAccessible(page, 'wizard, connecting an entry again');

    // Connect through it: the same entry gets the new tokens.
    const from = harness.records.length;
    await button(panel, 'Connect').click();
    const url = new URL(await authorizeUrl(harness, from));
    expect(url.searchParams.get('client_id')).toBe(client.clientId);
    await shown(status(panel, 'Waiting for you to approve in the browser…'));
    await actAsBrowser(url.href, 'approve');
    await shown(heading(page, 'acme', 2));
    await shown(status(page, 'This workspace was already connected through my-app: acme got the new tokens in place.'));
    expect(await entries(harness)).toEqual([{ id: connected.entry.id, name: 'acme', shownStatus: 'valid' }]);
    expect(await region(page, 'Status').locator('p').filter({ hasText: 'Notion accepts this token.' }).count()).toBe(1);
    await w.finish();
  });

  it('a pasted OAuth token (not connected through the vault) keeps Rotate', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'oauth', workspaceName: 'Paste', userName: 'Public app' });
    const w = await open([], {
      seed: async (h) => { valueOf(await h.ipc('vault:add', { text: token, kind: 'oauth', name: 'pasted' })); },
    });
    const { page } = w;
    await button(page, 'pasted').click();
    await shown(heading(page, 'pasted', 2));
    const manage = region(page, 'Actions');
    await shown(button(manage, 'Rotate'));
    expect(await button(manage, 'Connect again').count()).toBe(0);
    await expectNoSecretInPage(page, [token]);
    await w.finish();
    expectRecordsClean(w.harness, [token]);
  });
});

describe('A connect left waiting by an earlier page', () => {
  it('can be cancelled from the new page, which can then connect', async () => {
    const client = await newClient('Stale');
    const w = await open([client], { seed: async (h) => { await seedIntegration(h, client, 'my-app'); } });
    const { page, harness } = w;

    // A connect waits for the browser; the page is loaded anew (a reload), so nobody in it knows.
    let panel = await toConnectPanel(page);
    let from = harness.records.length;
    await button(panel, 'Connect').click();
    const stale = await authorizeUrl(harness, from);
    await shown(status(panel, 'Waiting for you to approve in the browser…'));
    await page.goto(harness.url);
    await page.waitForFunction(() => document.documentElement.dataset.view === 'list');

    // Main refuses a second connect; the window offers to cancel the one waiting.
    panel = await toConnectPanel(page);
    await button(panel, 'Connect').click();
    await shown(alert(panel, 'A connect is already waiting for you to approve in the browser'));
    const cancel = button(panel, 'Cancel connecting');
    await shown(cancel);
    expect(await button(panel, 'Connect').getAttribute('aria-disabled')).toBe('false');
    await expectAccessible(page, 'wizard, a connect waiting from before');

    await cancel.focus();
    await page.keyboard.press('Enter');
    await shown(status(panel, 'Stopped the connect that was waiting: nothing more is stored from it. Choose Connect to start again.'));
    expect(await panel.getByRole('alert').count(), 'the refusal is resolved').toBe(0);
    expect(await button(panel, 'Cancel connecting').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Connect');

    // The old listener is gone: approving it now reaches nobody.
    await expect(actAsBrowser(stale, 'approve')).rejects.toThrow();
    expect(await entries(harness)).toEqual([]);

    // And a new connect goes through.
    from = harness.records.length;
    await button(panel, 'Connect').click();
    await actAsBrowser(await authorizeUrl(harness, from), 'approve');
    await shown(heading(page, 'stale-oauth', 2));
    expect((await entries(harness)).map((e) => e.name)).toEqual(['stale-oauth']);
    await w.finish();
  });
});

// ---------------------------------------------------------------------------
// The paste step's late answers

const redacted = (token: string): string => `ntn_…${token.slice(-4)}`;

/** The draft ids main answered `token:inspect` with, and the ones the page asked to discard, as they happen. */
function watchDrafts(page: Page): { inspected: () => Promise<string[]>; discarded: string[] } {
  const answers: Promise<string>[] = [];
  const discarded: string[] = [];
  page.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/ipc/token:inspect') {
      answers.push(request.response().then(async (response) => {
        const envelope = (await response?.json()) as Envelope<{ draftId: string }> | undefined;
        return envelope?.ok === true ? envelope.value.draftId : '';
      }));
    } else if (path === '/ipc/token:discard') {
      discarded.push(...(JSON.parse(request.postData() ?? '[]') as unknown[]).filter((a): a is string => typeof a === 'string'));
    }
  });
  return { inspected: () => Promise.all(answers), discarded };
}

/** Add token → Internal integration secret → step 3. */
async function toPasteStep(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Add token', exact: true }).click();
  await page.getByRole('group', { name: 'Which kind of token?' }).getByRole('radio', { name: 'Internal integration secret', exact: true }).check();
  await button(page, 'Next').click();
  await heading(page, 'Step 2 of 4: Create the internal integration secret in Notion', 3).waitFor();
  await button(page, 'Next').click();
  await heading(page, 'Step 3 of 4: Paste and check the token', 3).waitFor();
}

async function check(page: Page, token: string): Promise<void> {
  await page.getByLabel('Token', { exact: true }).fill(token);
  await button(page, 'Check').click();
}

/** Main no longer holds this draft: saving it is refused. */
async function expectDraftGone(harness: Harness, draftId: string): Promise<void> {
  const add = await harness.ipc('vault:add', { draftId });
  expect(add.ok ? 'saved' : add.message).toContain('no longer held');
}

describe('The paste step, when Notion answers late', () => {
  it('a check still running when the wizard is closed leaves no draft behind in main', async () => {
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Slow', delayMs: 1_500 });
    const w = await open([]);
    const { page, harness } = w;
    const drafts = watchDrafts(page);
    await toPasteStep(page);
    await check(page, token);
    await shown(status(page, 'Checking with Notion…'));
    await button(page, 'Cancel').click();
    await heading(page, 'Your tokens', 2).waitFor();

    const [draftId = ''] = await drafts.inspected();
    expect(draftId).not.toBe('');
    await expect.poll(() => drafts.discarded).toContain(draftId);
    await expectDraftGone(harness, draftId);
    expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('list');
    await expectNoSecretInPage(page, [token]);
    await w.finish();
    expectRecordsClean(harness, [token]);
  });

  it('an older check answering after a newer one does not replace it, and its draft is let go', async () => {
    const slow = fakeToken();
    const fast = fakeToken();
    notion().setToken(slow, { identity: 'internal', workspaceName: 'Slow', delayMs: 1_500 });
    notion().setToken(fast, { identity: 'internal', workspaceName: 'Fast' });
    const w = await open([]);
    const { page, harness } = w;
    const drafts = watchDrafts(page);
    await toPasteStep(page);
    await check(page, slow);
    await shown(status(page, 'Checking with Notion…'));

    // Back and forward again while it runs, and check another token, which answers first.
    await button(page, 'Back').click();
    await button(page, 'Next').click();
    await heading(page, 'Step 3 of 4: Paste and check the token', 3).waitFor();
    await check(page, fast);
    await heading(page, `Notion accepted ${redacted(fast)}`, 4).waitFor();

    const [slowDraft = '', fastDraft = ''] = await drafts.inspected();
    await expect.poll(() => drafts.discarded).toContain(slowDraft);
    expect(drafts.discarded).not.toContain(fastDraft);
    expect(await heading(page, `Notion accepted ${redacted(slow)}`, 4).count(), 'the late answer is not shown').toBe(0);
    await shown(heading(page, `Notion accepted ${redacted(fast)}`, 4));
    await expectDraftGone(harness, slowDraft);

    // The newer one is what gets saved.
    await button(page, 'Next').click();
    await button(page, 'Save').click();
    await shown(heading(page, 'fast-internal', 2));
    expect((await entries(harness)).map((e) => e.name)).toEqual(['fast-internal']);
    await expectNoSecretInPage(page, [slow, fast]);
    await w.finish();
    expectRecordsClean(harness, [slow, fast]);
  });
});
