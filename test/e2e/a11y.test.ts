// axe-core on every view of the vault window, in the light and the dark colour scheme: no serious
// or critical violation (WCAG 2.x A/AA and best practices) on the list (full and empty), each
// wizard step with what it can show, the details (with history, with the remove dialog open) and
// the settings. Debian's Chromium on the browser harness, real core, Notion emulator.

import type { Locator, Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeToken } from '../support/cli';
import { expectAccessible, expectNoSecretInPage, expectRecordsClean, openVaultWindow, useBrowser, type VaultWindow } from '../support/e2e';
import type { Harness } from '../support/harness';
import { useSharedEmulator } from '../support/shared-emulator';

const browser = useBrowser();
const notion = useSharedEmulator();
const DAY_MS = 86_400_000;

let win: VaultWindow | undefined;
afterEach(async () => {
  const open = win;
  win = undefined;
  await open?.close();
});

function heading(page: Page, name: string, level: number): Locator {
  return page.getByRole('heading', { name, exact: true, level });
}

const button = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });

async function ipc<T>(reply: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}

interface Seeded {
  tokens: string[];
  /** The entry with history: added valid, then rejected by Notion. */
  revoked: string;
}

/** Entries in three workspaces, in every status the list can show, one with no pages shared. */
async function seed(harness: Harness): Promise<Seeded> {
  const tokens = Array.from({ length: 7 }, () => fakeToken());
  const [valid, revoked, expiring, expired, unchecked, down, unshared] = tokens as [string, string, string, string, string, string, string];
  const emu = notion();
  emu.setToken(valid, { identity: 'internal', workspaceName: 'Acme' });
  emu.setToken(revoked, { identity: 'internal', workspaceName: 'Acme', userName: 'Old bot' });
  emu.setToken(expiring, { identity: 'pat-person' });
  emu.setToken(expired, { identity: 'pat-person' });
  // Added without a check; the monitor's own check then hangs (15 s timeout), so it stays "Not checked yet".
  emu.setToken(unchecked, { identity: 'oauth', workspaceName: 'Gamma', fail: { hang: true } });
  emu.setToken(down, { identity: 'internal', workspaceName: 'Gamma', fail: { http: 503 } });
  emu.setToken(unshared, { identity: 'internal', workspaceName: 'Gamma', pagesShared: false });

  const now = Date.now();
  await ipc(harness.ipc('vault:add', { text: valid, name: 'acme-sync', kind: 'internal' }));
  const old = await ipc(harness.ipc('vault:add', { text: revoked, name: 'acme-old', kind: 'internal' }));
  emu.revoke(revoked);
  await ipc(harness.ipc('vault:check', [old.entry.id]));
  await ipc(harness.ipc('vault:add', {
    text: expiring, name: 'beta-pat', kind: 'pat', workspace: 'Beta',
    createdAt: new Date(now - 80 * DAY_MS).toISOString(), expiresAt: new Date(now + 10 * DAY_MS).toISOString(),
  }));
  await ipc(harness.ipc('vault:add', {
    text: expired, name: 'beta-old-pat', kind: 'pat', workspace: 'Beta',
    createdAt: new Date(now - 40 * DAY_MS).toISOString(), expiresAt: new Date(now - 10 * DAY_MS).toISOString(),
  }));
  const unknown = await ipc(harness.ipc('vault:add', { text: down, name: 'gamma-down', kind: 'internal', workspace: 'Gamma' }));
  await ipc(harness.ipc('vault:check', [unknown.entry.id]));
  await ipc(harness.ipc('vault:add', { text: unshared, name: 'gamma-unshared', kind: 'internal' }));
  // Last: any later check pass would wait for its hung check.
  await ipc(harness.ipc('vault:add', { text: unchecked, name: 'gamma-oauth', kind: 'oauth', workspace: 'Gamma', check: false }));
  return { tokens, revoked: 'acme-old' };
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`accessibility, ${colorScheme} colour scheme`, () => {
    // Many views, each analysed by axe: more than the default 30 s on a loaded machine.
    it('the list with entries in several workspaces and statuses, the details with history and the remove dialog, the settings', { timeout: 60_000 }, async () => {
      let seeded: Seeded | undefined;
      win = await openVaultWindow(browser(), notion().url, { colorScheme, seed: async (h) => { seeded = await seed(h); } });
      win.page.setDefaultTimeout(5_000); // a missing element fails in seconds, not at the test's timeout
      const { page, harness } = win;
      if (seeded === undefined) throw new Error('not seeded');
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');

      await heading(page, 'Your tokens', 2).waitFor();
      for (const workspace of ['Acme', 'Beta', 'Gamma']) await page.getByRole('heading', { name: new RegExp(`^${workspace} ·`), level: 3 }).waitFor();
      const statuses = await page.locator('.entries .status').allTextContents();
      for (const status of ['Valid', 'Rejected by Notion', 'Expiring soon', 'Expired', 'Not checked yet', 'Could not check']) {
        expect(statuses.some((s) => s.endsWith(status)), `the list shows "${status}"`).toBe(true);
      }
      await page.getByRole('row', { name: /gamma-unshared/ }).getByText('No pages shared with it').waitFor();
      const timeline = page.getByRole('region', { name: 'Expiry in the next 12 months', exact: true });
      await timeline.getByRole('button', { name: /^beta-pat, Expiring soon: expires / }).waitFor();
      await timeline.getByRole('button', { name: /^beta-old-pat, Expired: expired / }).focus();
      await expectAccessible(page, `list with the expiry timeline, a mark focused (${colorScheme})`);

      // An expiring PAT's details: Rotate now beside the advice, the token revealed with its countdown.
      await button(page, 'beta-pat').click();
      await heading(page, 'beta-pat', 2).waitFor();
      await button(page, 'Rotate now').waitFor();
      await button(page, 'Reveal').click();
      await page.getByText(/^Hidden again in \d+ s\.$/).waitFor();
      await expectAccessible(page, `details of an expiring PAT, revealed (${colorScheme})`);
      await button(page, 'Hide').click();
      await button(page, 'Back to the list').click();
      await heading(page, 'Your tokens', 2).waitFor();

      await button(page, seeded.revoked).click();
      await heading(page, seeded.revoked, 2).waitFor();
      const history = page.getByRole('region', { name: 'Status history', exact: true }).getByRole('listitem');
      await expect.poll(() => history.count()).toBeGreaterThanOrEqual(2);
      await expectAccessible(page, `details with history (${colorScheme})`);

      await button(page, 'Remove').click();
      const dialog = page.getByRole('dialog', { name: `Remove ${seeded.revoked}?`, exact: true });
      await dialog.waitFor();
      await expectAccessible(page, `details, remove dialog open (${colorScheme})`);
      await button(dialog, 'Cancel').click();
      await dialog.waitFor({ state: 'hidden' });

      await button(page, 'Rename').click();
      await button(page, 'Rotate').click();
      await page.getByLabel('Replacement token', { exact: true }).waitFor();
      await expectAccessible(page, `details, rename and rotate open (${colorScheme})`);

      await button(page.getByRole('navigation', { name: 'Vault' }), 'Settings').click();
      await heading(page, 'Settings', 2).waitFor();
      await page.getByLabel('Check interval (hours)', { exact: true }).waitFor();
      await expectAccessible(page, `settings (${colorScheme})`);
      await page.getByLabel('Check interval (hours)', { exact: true }).fill('');
      await button(page, 'Save settings').click();
      await page.getByRole('alert').filter({ hasText: 'The check interval is a number of hours' }).waitFor();
      await expectAccessible(page, `settings with an error (${colorScheme})`);

      await expectNoSecretInPage(page, seeded.tokens);
      expectRecordsClean(harness, seeded.tokens);
    });

    it('the empty list and every wizard step, with what each can show', async () => {
      const rejected = fakeToken();
      const internal = fakeToken();
      const pat = fakeToken();
      const onClipboard = fakeToken();
      const tokens = [rejected, internal, pat, onClipboard];
      notion().setToken(rejected, { identity: 'internal', revoked: true });
      notion().setToken(internal, { identity: 'internal', workspaceName: 'Acme', pagesShared: false });
      notion().setToken(pat, { identity: 'pat-person', pagesShared: false });
      notion().setToken(onClipboard, { identity: 'internal' });
      win = await openVaultWindow(browser(), notion().url, { colorScheme });
      win.page.setDefaultTimeout(5_000);
      const { page, harness } = win;

      await button(page, 'Add your first token').waitFor();
      await expectAccessible(page, `empty list (${colorScheme})`);

      // Step 1: the kinds, with the error for Next without a kind.
      await button(page, 'Add your first token').click();
      await heading(page, 'Step 1 of 4: Choose the kind of token', 3).waitFor();
      await button(page, 'Next').click();
      await page.getByRole('alert').filter({ hasText: 'Choose a kind of token first.' }).waitFor();
      await expectAccessible(page, `wizard step 1 (${colorScheme})`);
      await page.getByRole('radio', { name: 'Personal access token (PAT)', exact: true }).check();

      // Step 2 for a PAT, with a specific expiry date.
      await button(page, 'Next').click();
      await heading(page, 'Step 2 of 4: Create the personal access token in Notion', 3).waitFor();
      await page.getByLabel('Expiry chosen in Notion', { exact: true }).selectOption('date');
      await page.getByLabel('Expiry date', { exact: true }).waitFor();
      await expectAccessible(page, `wizard step 2, PAT with an expiry date (${colorScheme})`);
      await page.getByLabel('Expiry date', { exact: true }).fill(new Date(Date.now() + 60 * DAY_MS).toISOString().slice(0, 10));

      // Step 3: a refusal, a kind mismatch with the pages-shared fix, the clipboard offer, an accepted PAT.
      await button(page, 'Next').click();
      await heading(page, 'Step 3 of 4: Paste and check the token', 3).waitFor();
      const field = page.getByLabel('Token', { exact: true });
      await field.fill('not a token');
      await page.locator('.hint-problem').waitFor();
      await expectAccessible(page, `wizard step 3, implausible text (${colorScheme})`);
      await field.fill(rejected);
      await button(page, 'Check').click();
      await heading(page, 'Notion rejected this token', 4).waitFor();
      await expectAccessible(page, `wizard step 3, token rejected (${colorScheme})`);

      await field.fill(internal);
      await button(page, 'Check').click();
      await button(page, 'Switch to Internal integration secret').waitFor();
      await page.getByText('No pages are shared with this connection yet.').or(page.getByText('This token sees no pages yet.')).waitFor();
      await harness.setClipboard(onClipboard);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await button(page, 'Use it').waitFor();
      await expectAccessible(page, `wizard step 3, kind mismatch, no pages shared, clipboard offer (${colorScheme})`);

      await field.fill(pat);
      await button(page, 'Check').click();
      await heading(page, `Notion accepted ntn_…${pat.slice(-4)}`, 4).waitFor();
      await expectNoSecretInPage(page, tokens);
      await expectAccessible(page, `wizard step 3, accepted (${colorScheme})`);

      // Step 4: name, the workspace Notion did not give, the PAT's dates; then saved.
      await button(page, 'Next').click();
      await heading(page, 'Step 4 of 4: Name and save the Personal access token (PAT)', 3).waitFor();
      await expectAccessible(page, `wizard step 4 (${colorScheme})`);
      await page.getByLabel('Name', { exact: true }).fill('ada-pat');
      await page.getByLabel('Workspace (optional)', { exact: true }).fill('Acme');
      await button(page, 'Save').click();
      await heading(page, 'ada-pat', 2).waitFor();
      await page.getByRole('status').filter({ hasText: 'Saved ada-pat in the vault.' }).waitFor();
      await expectNoSecretInPage(page, tokens);
      await expectAccessible(page, `details just saved (${colorScheme})`);

      expectRecordsClean(harness, tokens);
    });
  });
}
