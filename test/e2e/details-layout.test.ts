// An entry's details fit one 960×720 screen (and the app window's 960×680) whatever it shows: valid, expiring, expired, rejected,
// not reachable, never checked, sees no pages, unused for months, a long history, a pasted and a
// connected OAuth token. For each: nothing below the fold (no vertical scroll), every action on one
// row (Copy, Copy as env, Reveal; Rename, Rotate or Connect again, Remove), Rotate right beside
// advice that says to rotate, and no "Check again" button above Check now. Debian's Chromium on the
// browser harness (real core, real keychain) against the Notion emulator, main's clock fixed.

import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { AddRequest, EntrySummary } from '../../electron/common/ipc-contract';
import { fakeToken } from '../support/cli';
import { openCheckedWindow, useBrowser, valueOf } from '../support/e2e';
import type { Harness } from '../support/harness';
import type { TokenSpec } from '../support/notion-emulator';
import { clientSecrets, newOAuthClient, type OAuthClient } from '../support/oauth';
import { seedConnection, seedIntegration } from '../support/oauth-window';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

const NOW = Date.parse('2026-06-15T09:30:00.000Z');
const DAY_MS = 86_400_000;
const iso = (at: number): string => new Date(at).toISOString();
/** The 960×720, and the app's own window (electron/main/window.ts: 960×680). */
const SCREENS = [{ width: 960, height: 720 }, { width: 960, height: 680 }] as const;
const WIDTH = 960;

/** What each entry is, and whether its advice says to rotate. */
interface Case {
  name: string;
  status: EntrySummary['shownStatus'];
  rotateAdvised: boolean;
  connected?: boolean;
}

async function add(harness: Harness, tokens: string[], spec: TokenSpec, request: Omit<AddRequest, 'text'>): Promise<string> {
  const token = fakeToken();
  tokens.push(token);
  notion().setToken(token, spec);
  valueOf(await harness.ipc('vault:add', { text: token, ...request }));
  return token;
}

const idOf = async (harness: Harness, name: string): Promise<string> => {
  const entry = valueOf(await harness.ipc('vault:list')).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`${name} is not in the vault`);
  return entry.id;
};

/** A hundred days ago: entries nothing has used since (flagged unused), the worst cases. */
async function seedPast(harness: Harness, tokens: string[]): Promise<void> {
  await add(harness, tokens, { identity: 'pat-person', pagesShared: false }, {
    name: 'old-pat', kind: 'pat', workspace: 'Beta', createdAt: iso(NOW - 100 * DAY_MS), expiresAt: iso(NOW + 10 * DAY_MS),
  });
  await add(harness, tokens, { identity: 'internal', workspaceName: 'Gamma', pagesShared: false }, { name: 'old-unshared', kind: 'internal' });
}

async function seedNow(harness: Harness, tokens: string[], client: OAuthClient): Promise<void> {
  const emu = notion();
  await add(harness, tokens, { identity: 'internal', workspaceName: 'Acme' }, { name: 'acme-valid', kind: 'internal' });
  await add(harness, tokens, { identity: 'pat-person' }, { name: 'beta-expiring', kind: 'pat', workspace: 'Beta', createdAt: iso(NOW - 80 * DAY_MS), expiresAt: iso(NOW + 10 * DAY_MS) });
  await add(harness, tokens, { identity: 'pat-person' }, { name: 'beta-expired', kind: 'pat', workspace: 'Beta', createdAt: iso(NOW - 40 * DAY_MS), expiresAt: iso(NOW - 10 * DAY_MS) });
  const revoked = await add(harness, tokens, { identity: 'internal', workspaceName: 'Acme' }, { name: 'acme-rejected', kind: 'internal' });
  emu.revoke(revoked);
  valueOf(await harness.ipc('vault:check', [await idOf(harness, 'acme-rejected')]));
  await add(harness, tokens, { identity: 'internal', workspaceName: 'Gamma', fail: { http: 503 } }, { name: 'gamma-down', kind: 'internal' });
  valueOf(await harness.ipc('vault:check', [await idOf(harness, 'gamma-down')]));
  valueOf(await harness.ipc('vault:check', [await idOf(harness, 'old-unshared')]));
  // A long history: rejected, rotated, rejected, rotated again.
  const first = await add(harness, tokens, { identity: 'internal', workspaceName: 'Acme' }, { name: 'acme-rotated', kind: 'internal' });
  const rotatedId = await idOf(harness, 'acme-rotated');
  let current = first;
  for (let round = 0; round < 2; round++) {
    emu.revoke(current);
    valueOf(await harness.ipc('vault:check', [rotatedId]));
    current = fakeToken();
    tokens.push(current);
    emu.setToken(current, { identity: 'internal', workspaceName: 'Acme' });
    valueOf(await harness.ipc('vault:rotate', rotatedId, { text: current }));
  }
  await add(harness, tokens, { identity: 'oauth', workspaceName: 'Delta', userName: 'Public app' }, { name: 'delta-pasted', kind: 'oauth' });
  await seedConnection(harness, await seedIntegration(harness, client, 'my-app'), 'delta-connected');
  // Last: its check hangs, and any later check pass would wait for it.
  await add(harness, tokens, { identity: 'internal', workspaceName: 'Gamma', fail: { hang: true } }, { name: 'gamma-unchecked', kind: 'internal', check: false });
}

const CASES: readonly Case[] = [
  { name: 'acme-valid', status: 'valid', rotateAdvised: false },
  { name: 'beta-expiring', status: 'expiring', rotateAdvised: true },
  { name: 'beta-expired', status: 'expired', rotateAdvised: true },
  { name: 'acme-rejected', status: 'invalid', rotateAdvised: true },
  { name: 'gamma-down', status: 'unknown', rotateAdvised: false },
  { name: 'gamma-unchecked', status: 'unchecked', rotateAdvised: false },
  { name: 'old-pat', status: 'expiring', rotateAdvised: true },
  { name: 'old-unshared', status: 'valid', rotateAdvised: false },
  { name: 'acme-rotated', status: 'valid', rotateAdvised: false },
  { name: 'delta-pasted', status: 'valid', rotateAdvised: false },
  { name: 'delta-connected', status: 'valid', rotateAdvised: false, connected: true },
];

const button = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not shown');
  return found;
}

async function expectFits(page: Page, c: Case): Promise<void> {
  const where = `${c.name} (${c.status}) at ${String(WIDTH)}×${String(await page.evaluate(() => window.innerHeight))}`;
  const scroll = await page.evaluate(() => ({ content: document.documentElement.scrollHeight, screen: window.innerHeight }));
  expect(scroll.content, `${where}: the details need no vertical scroll`).toBeLessThanOrEqual(scroll.screen);

  const actions = page.getByRole('region', { name: 'Actions', exact: true });
  const names = ['Copy token', 'Copy as NOTION_TOKEN=…', 'Reveal', 'Rename', c.connected === true ? 'Connect again' : 'Rotate', 'Remove'];
  const boxes = await Promise.all(names.map((name) => box(button(actions, name))));
  const top = boxes[0]?.y ?? 0;
  for (const [i, b] of boxes.entries()) {
    expect(Math.abs(b.y - top), `${where}: ${names[i] ?? ''} is on the row`).toBeLessThan(1);
    expect(b.x + b.width, `${where}: ${names[i] ?? ''} is inside the window`).toBeLessThanOrEqual(WIDTH);
    if (i > 0) expect(b.x, `${where}: ${names[i] ?? ''} comes after ${names[i - 1] ?? ''}`).toBeGreaterThan((boxes[i - 1]?.x ?? 0) + (boxes[i - 1]?.width ?? 0));
  }
  if (c.connected === true) expect(await button(actions, 'Rotate').count(), `${where}: a connection is connected again, not rotated`).toBe(0);

  const status = page.getByRole('region', { name: 'Status', exact: true });
  expect(await button(page, 'Check again').count(), `${where}: no Check again besides Check now`).toBe(0);
  const rotateNow = button(status, 'Rotate now');
  if (!c.rotateAdvised) {
    expect(await rotateNow.count(), `${where}: no Rotate where the advice is not to rotate`).toBe(0);
    return;
  }
  // Beside the advice: on its line, to its right.
  const advice = await box(status.locator('.advice p'));
  const offered = await box(rotateNow);
  expect(offered.y, `${where}: Rotate now on the advice's line`).toBeLessThan(advice.y + advice.height);
  expect(offered.y + offered.height).toBeGreaterThan(advice.y);
  expect(offered.x).toBeGreaterThan(advice.x + advice.width);
}

describe('the details view at 960×720 (and the app window’s 960×680)', () => {
  it('fits one screen, actions on one row, for every status', { timeout: 90_000 }, async () => {
    const tokens: string[] = [];
    const client = await newOAuthClient(notion(), 'Delta');
    const w = await openCheckedWindow(browser(), notion().url, () => [...tokens, ...clientSecrets(notion(), [client])], {
      env: { NOTION_VAULT_NOW: iso(NOW) },
      past: [{ at: iso(NOW - 100 * DAY_MS), seed: (h) => seedPast(h, tokens) }],
      seed: (h) => seedNow(h, tokens, client),
    });
    const { page } = w;
    const listed = valueOf(await w.harness.ipc('vault:list'));
    for (const c of CASES) {
      expect(listed.find((e) => e.name === c.name)?.shownStatus, `${c.name} is ${c.status}`).toBe(c.status);
    }
    expect(listed.find((e) => e.name === 'old-pat')?.unusedDays).toBe(100);
    expect(listed.find((e) => e.name === 'acme-rotated')?.history.length).toBe(5);

    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      for (const c of CASES) {
        await button(page, c.name).click();
        await page.getByRole('heading', { level: 2, name: c.name, exact: true }).waitFor();
        await expectFits(page, c);
        await button(page, 'Back to the list').click();
        await page.getByRole('heading', { level: 2, name: 'Your tokens', exact: true }).waitFor();
      }
    }
    await w.finish();
  });
});
