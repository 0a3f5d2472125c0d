// "Which token sees…" in the list and "Can it see this page?" on an entry's details, end to end:
// Debian's Chromium on the browser harness (the real core on the suite's gnome-keyring) against
// the Notion emulator holding a page shared with one connection and not another.

import { describe, expect, it } from 'vitest';
import type { AddRequest, EntrySummary } from '../../electron/common/ipc-contract';
import { fakeToken } from '../support/cli';
import { expectAccessible, openCheckedWindow, useBrowser, valueOf } from '../support/e2e';
import type { Harness } from '../support/harness';
import type { TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

const PAGE = 'c0ffee00e5f647a8b9c0d1e2f3a4b5c6';

async function seed(harness: Harness, tokens: string[], spec: TokenSpec, request: Omit<AddRequest, 'text'>): Promise<{ token: string; entry: EntrySummary }> {
  const token = fakeToken();
  tokens.push(token);
  notion().setToken(token, spec);
  return { token, entry: valueOf(await harness.ipc('vault:add', { text: token, ...request })).entry };
}

describe('asking Notion about a page from the window', { timeout: 60_000 }, () => {
  it('the list’s “Which token sees…” names who sees it and the fix for the one that does not; the details ask for one entry', async () => {
    const tokens: string[] = [];
    let shared = '';
    const w = await openCheckedWindow(browser(), notion().url, () => tokens, {
      seed: async (harness) => {
        shared = (await seed(harness, tokens, { identity: 'internal', workspaceName: 'Pied Piper', userName: 'Piper Sync' }, { name: 'piper-sync' })).token;
        await seed(harness, tokens, { identity: 'internal', workspaceName: 'Pied Piper', userName: 'Piper Reports' }, { name: 'piper-reports' });
      },
    });
    notion().content.set(PAGE, { kind: 'page', title: 'Compression notes', workspaceName: 'Pied Piper', sharedWith: [shared] });
    const { page } = w;

    const box = page.getByRole('region', { name: 'Which token sees…' });
    await box.getByRole('textbox', { name: 'Notion page link or id' }).fill(`https://www.notion.so/piedpiper/Compression-notes-${PAGE}`);
    await box.getByRole('button', { name: 'Ask Notion' }).click();
    await box.getByRole('status').filter({ hasText: 'Seen: “Compression notes” (page).' }).waitFor();
    const answers = await box.getByRole('listitem').allTextContents();
    expect(answers).toEqual([
      'piper-sync: sees it.',
      'piper-reports: not shared with this connection: in Notion open it, ••• → Connections → Add connection → Piper Reports.',
    ]);
    await expectAccessible(page, 'the list with an answer');

    // A new link typed in: the old answer goes at once.
    await box.getByRole('textbox', { name: 'Notion page link or id' }).fill('not a link');
    expect(await box.getByRole('listitem').count()).toBe(0);
    await box.getByRole('button', { name: 'Ask Notion' }).click();
    await box.getByRole('alert').filter({ hasText: 'Copy link' }).waitFor();

    // The details of the one that cannot see it.
    await page.getByRole('button', { name: 'piper-reports', exact: true }).click();
    // Folded below the facts, so the details still fit one screen.
    await page.getByText('Can it see this page?', { exact: true }).click();
    const question = page.locator('details.page-check');
    await question.getByRole('textbox', { name: 'Notion page link or id' }).fill(PAGE);
    await question.getByRole('button', { name: 'Ask Notion' }).click();
    await question.getByRole('status').filter({ hasText: 'No token here sees it.' }).waitFor();
    // Asked alone, it cannot tell sharing from another workspace: it says both.
    expect(await question.getByRole('listitem').allTextContents()).toEqual([
      'Not shared with this connection: in Notion open it, ••• → Connections → Add connection → Piper Reports, or it is in another workspace.',
    ]);
    await expectAccessible(page, 'details with an answer');

    // Notion unreachable for it: the window says it could not tell, as `which` does.
    notion().updateToken(tokens[1] ?? '', { fail: { reset: true } });
    await question.getByRole('button', { name: 'Ask Notion' }).click();
    await question.getByRole('status').filter({ hasText: 'No token is known to see it: Notion could not answer for some of them; ask again later.' }).waitFor();
    await w.finish();
  });
});
