// The list's expiry timeline end to end, at a fixed NOTION_VAULT_NOW (main's clock; the page's stays
// real, so the timeline must draw against main's "today"): each personal access token's mark at its
// date on its workspace's strip, expired ones and those past twelve months at the edges, today and
// the warning thresholds drawn, the thresholds following the settings; and the marks as buttons,
// reached by Tab in date order within each workspace, opening their token with Enter or Space.
// Debian's Chromium on the browser harness (real core, real keychain) against the Notion emulator.

import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { AddRequest } from '../../electron/common/ipc-contract';
import { fakeToken } from '../support/cli';
import { openCheckedWindow, useBrowser, valueOf, type CheckedWindow } from '../support/e2e';
import type { Harness } from '../support/harness';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

const NOW = Date.parse('2026-06-15T09:30:00.000Z');
const DAY_MS = 86_400_000;
/** Twelve months on: 2027-06-15T09:30Z, 365 days. */
const END = Date.parse('2027-06-15T09:30:00.000Z');
/** The edge room either side of the axis, for the marks that fall off it (renderer/list/timeline-layout.ts). */
const GUTTER = 26;

const iso = (at: number): string => new Date(at).toISOString();

/** A PAT stored through IPC as the wizard would, with its dates. */
async function addPat(harness: Harness, tokens: string[], name: string, workspace: string, expiresAt: string, createdAt = iso(NOW - 20 * DAY_MS)): Promise<void> {
  const token = fakeToken();
  tokens.push(token);
  notion().setToken(token, { identity: 'pat-person', userName: name });
  const request: AddRequest = { text: token, name, kind: 'pat', workspace, createdAt, expiresAt };
  valueOf(await harness.ipc('vault:add', request));
}

async function seed(harness: Harness, tokens: string[]): Promise<void> {
  await addPat(harness, tokens, 'acme-soon', 'Acme', iso(NOW + 10 * DAY_MS));
  await addPat(harness, tokens, 'acme-autumn', 'Acme', '2026-10-01');
  await addPat(harness, tokens, 'globex-gone', 'Globex', iso(NOW - 5 * DAY_MS), iso(NOW - 95 * DAY_MS));
  await addPat(harness, tokens, 'globex-later', 'Globex', iso(NOW + 400 * DAY_MS), iso(NOW - 1 * DAY_MS));
  await addPat(harness, tokens, 'globex-spring', 'Globex', '2027-03-01');
  // An internal secret never expires: it has no mark.
  const internal = fakeToken();
  tokens.push(internal);
  notion().setToken(internal, { identity: 'internal', workspaceName: 'Acme' });
  valueOf(await harness.ipc('vault:add', { text: internal, name: 'acme-sync', kind: 'internal' }));
}

const timeline = (page: Page): Locator => page.getByRole('region', { name: 'Expiry in the next 12 months', exact: true });
const mark = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name: new RegExp(`^${name},`) });

/** The seeded vault's window, its timeline drawn. */
async function open(tokens: string[]): Promise<CheckedWindow & { region: Locator }> {
  const w = await openCheckedWindow(browser(), notion().url, () => tokens, { env: { NOTION_VAULT_NOW: iso(NOW) }, seed: (h) => seed(h, tokens) });
  const region = timeline(w.page);
  await mark(region, 'acme-soon').waitFor();
  return { ...w, region };
}

/** The horizontal centre of an element's box. */
async function centreX(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not shown');
  return box.x + box.width / 2;
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
}

describe('the expiry timeline', () => {
  it('marks each PAT at its date against main’s today, expired and later-than-a-year ones at the edges', async () => {
    const tokens: string[] = [];
    const w = await open(tokens);
    const { region } = w;
    const svg = region.locator('svg');
    const frame = await svg.boundingBox();
    if (frame === null) throw new Error('no timeline drawn');
    const left = frame.x + GUTTER;
    const right = frame.x + frame.width - GUTTER;
    const xOf = (at: number): number => left + ((at - NOW) / (END - NOW)) * (right - left);

    // Today is main's (2026-06-15), at the axis' left end, though the page's clock says otherwise.
    expect(await centreX(region.locator('.timeline-today').first())).toBeCloseTo(left, 0);
    for (const [name, at] of [['acme-soon', NOW + 10 * DAY_MS], ['acme-autumn', Date.parse('2026-10-01')], ['globex-spring', Date.parse('2027-03-01')]] as const) {
      expect(Math.abs(await centreX(mark(region, name).locator('.mark-shape')) - xOf(at)), `${name} at its date`).toBeLessThan(1);
    }
    // The warning thresholds (default 30, 14, 7, 3, 1 days) are drawn at their days.
    for (const days of [30, 14, 7, 3, 1]) {
      expect(Math.abs(await centreX(region.locator(`.timeline-threshold[data-days="${String(days)}"]`).first()) - xOf(NOW + days * DAY_MS)), `${String(days)}-day line`).toBeLessThan(1);
    }
    // Off the axis: the expired one left of today, the one after twelve months right of its end, each with its own marker.
    expect(await centreX(mark(region, 'globex-gone').locator('.mark-shape'))).toBeLessThan(left - 5);
    expect(await centreX(mark(region, 'globex-later').locator('.mark-shape'))).toBeGreaterThan(right + 5);
    expect(await mark(region, 'globex-gone').getAttribute('class')).toContain('mark-past');
    expect(await mark(region, 'globex-later').getAttribute('class')).toContain('mark-beyond');

    // Each on its workspace's strip, named for screen readers with its expiry and days left (main's count).
    const acme = region.getByRole('group', { name: 'Acme: 2 personal access tokens', exact: true });
    const globex = region.getByRole('group', { name: 'Globex: 3 personal access tokens', exact: true });
    expect(await acme.getByRole('button').count()).toBe(2);
    expect(await globex.getByRole('button').count()).toBe(3);
    expect(await mark(acme, 'acme-soon').getAttribute('aria-label')).toBe('acme-soon, Expiring soon: expires Jun 25, 2026, 10 days left');
    expect(await mark(globex, 'globex-gone').getAttribute('aria-label')).toBe('globex-gone, Expired: expired Jun 10, 2026');
    expect(await mark(globex, 'globex-later').getAttribute('aria-label')).toBe('globex-later, Valid: expires Jul 20, 2027, 400 days left, after the next 12 months');
    expect(await region.getByRole('button', { name: /acme-sync/ }).count(), 'an internal secret has no expiry to mark').toBe(0);
    const acmeY = (await acme.locator('.timeline-strip').boundingBox())?.y ?? 0;
    const globexY = (await globex.locator('.timeline-strip').boundingBox())?.y ?? 0;
    expect(globexY).toBeGreaterThan(acmeY);

    // The thresholds follow the settings (saved elsewhere: the window hears vault:changed).
    valueOf(await w.harness.ipc('settings:set', { thresholdsDays: [60, 10] }));
    await region.locator('.timeline-threshold[data-days="60"]').first().waitFor({ state: 'attached' });
    expect(await region.locator('.timeline-threshold[data-days="30"]').count()).toBe(0);
    expect(Math.abs(await centreX(region.locator('.timeline-threshold[data-days="60"]').first()) - xOf(NOW + 60 * DAY_MS))).toBeLessThan(1);
    await w.finish();
  });

  it('Tab reaches the marks by workspace and date; Enter or Space opens the token, and so does a click', async () => {
    const tokens: string[] = [];
    const w = await open(tokens);
    const { page } = w;

    // From the search box backwards: the marks come right before it, in order.
    await page.getByRole('searchbox', { name: 'Search tokens', exact: true }).focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      order.unshift((await focusedName(page)).split(',')[0] ?? '');
    }
    expect(order).toEqual(['acme-soon', 'acme-autumn', 'globex-gone', 'globex-spring', 'globex-later']);
    expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible')), 'the focused mark shows its focus ring').toBe(true);

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'acme-soon', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('details');
    await page.getByRole('button', { name: 'Back to the list', exact: true }).click();

    await mark(timeline(page), 'globex-later').focus();
    await page.keyboard.press('Space');
    await page.getByRole('heading', { level: 2, name: 'globex-later', exact: true }).waitFor();
    expect(await page.evaluate(() => window.scrollY), 'Space opened the token rather than scrolling').toBe(0);
    await page.getByRole('button', { name: 'Back to the list', exact: true }).click();

    await mark(timeline(page), 'globex-gone').click();
    await page.getByRole('heading', { level: 2, name: 'globex-gone', exact: true }).waitFor();
    await w.finish();
  });

  it('is not shown when no token expires', async () => {
    const tokens: string[] = [];
    const internal = fakeToken();
    tokens.push(internal);
    notion().setToken(internal, { identity: 'internal', workspaceName: 'Acme' });
    const w = await openCheckedWindow(browser(), notion().url, () => tokens, {
      env: { NOTION_VAULT_NOW: iso(NOW) },
      seed: async (h) => { valueOf(await h.ipc('vault:add', { text: internal, name: 'acme-sync' })); },
    });
    await w.page.getByRole('button', { name: 'acme-sync', exact: true }).waitFor();
    expect(await timeline(w.page).count()).toBe(0);
    await w.finish();
  });
});
