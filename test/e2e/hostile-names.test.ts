// The vault window with workspace and bot names as an attacker sets them in Notion: the list and
// an entry's details show no control, bidi or zero-width character, and no 2 MB name reaches the
// DOM. The browser harness on the real core, Debian's Chromium, the Notion emulator.

import { describe, expect, it } from 'vitest';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import type { TrayMenuItem } from '../../electron/core/tray/tray-model';
import { fakeToken } from '../support/cli';
import { openCheckedWindow, useBrowser, valueOf } from '../support/e2e';
import { firstRawControl, hostileSpec, HOSTILE_NAMES, HTML_NAME } from '../support/hostile-text';
import { useSharedEmulator } from '../support/shared-emulator';

const labels = (items: readonly TrayMenuItem[]): string[] =>
  items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label, ...(item.kind === 'submenu' ? labels(item.items) : [])]));

const notion = useSharedEmulator();
const browser = useBrowser();

describe('hostile names in the window', () => {
  it('the list and the details show them as plain, capped text', async () => {
    const tokens: string[] = [];
    const stored: EntrySummary[] = [];
    const w = await openCheckedWindow(browser(), notion().url, () => tokens, {
      seed: async (harness) => {
        for (const name of HOSTILE_NAMES) {
          const token = fakeToken();
          tokens.push(token);
          notion().setToken(token, hostileSpec(name));
          stored.push(valueOf(await harness.ipc('vault:add', { text: token })).entry);
        }
      },
    });
    const { page } = w;
    await page.getByRole('button', { name: stored[0]?.name ?? '', exact: true }).waitFor();
    const listText = await page.evaluate(() => document.body.innerText);
    expect(firstRawControl(listText), 'the list').toBeNull();
    expect(listText).toMatch(/Acme\]52;c;ZWNobyBwd25lZA==\[2J\[31mRED FAKE-LINE\s+valid evil/); // innerText folds spaces
    expect(listText).toContain(HTML_NAME); // as text: React escapes it
    expect(await page.locator('b, a[href="https://evil"]').count()).toBe(0);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html.length, 'a 2 MB name reached the DOM').toBeLessThan(200_000);

    for (const entry of stored) {
      await page.getByRole('button', { name: entry.name, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: entry.name, exact: true }).waitFor();
      const details = await page.evaluate(() => document.body.innerText);
      expect(firstRawControl(details), `details of ${entry.name}`).toBeNull();
      expect(details.length).toBeLessThan(20_000);
      await page.getByRole('button', { name: 'Back to the list', exact: true }).click();
    }
    // The tray model main rendered for the same vault: one clean line per label.
    const trays = w.harness.records.flatMap((r) => (r.type === 'tray' ? [r.model] : []));
    expect(trays.length).toBeGreaterThan(0);
    for (const model of trays) {
      for (const text of [model.tooltip, ...labels(model.menu)]) {
        expect(firstRawControl(text), text.slice(0, 80)).toBeNull();
        expect(text).not.toMatch(/[\n\r]/);
      }
    }
    await w.finish();
  });
});
