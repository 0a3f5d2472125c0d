import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import type { Envelope } from '../../electron/common/ipc-contract';
import { launchChromium, newContext } from './browser';
import { makeVaultEnv, type VaultEnv } from './cli';
import { REDACTION_MARKER } from '../harness/records';
import { startHarness, type Harness } from './harness';

// The vault window end to end: Debian's Chromium (Playwright) on the browser harness, which runs
// the real core on the real keychain (the suite's private gnome-keyring) against the Notion emulator.

/** One Chromium for a whole test file. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium has not started');
    return browser;
  };
}

export interface VaultWindow {
  harness: Harness;
  context: BrowserContext;
  page: Page;
  vault: VaultEnv;
  close(): Promise<void>;
}

export interface WindowOptions {
  colorScheme?: 'light' | 'dark';
  /** Extra env for the harness (NOTION_VAULT_NOW…). */
  env?: Record<string, string>;
  /** Called with the harness before the page opens (seed the vault through IPC). */
  seed?: (harness: Harness) => Promise<void>;
  /** Earlier moments of the same vault, each a harness run at its NOTION_VAULT_NOW before the window's: entries with a past. */
  past?: readonly { at: string; seed: (harness: Harness) => Promise<void> }[];
}

/** A fresh vault (own data dir and keychain service), its harness, and the window open on the list. */
export async function openVaultWindow(browser: Browser, notionUrl: string, { colorScheme = 'light', env = {}, seed, past = [] }: WindowOptions = {}): Promise<VaultWindow> {
  const vault = makeVaultEnv({ NOTION_API_BASE_URL: notionUrl, ...env });
  for (const moment of past) {
    const then = await startHarness({ ...vault.env, NOTION_VAULT_NOW: moment.at });
    try {
      await moment.seed(then);
    } finally {
      await then.stop();
    }
  }
  const harness = await startHarness(vault.env);
  try {
    await seed?.(harness);
    const context = await newContext(browser, colorScheme);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => { errors.push(error.message); });
    await page.goto(harness.url);
    await page.waitForFunction(() => performance.getEntriesByName('vault-list-rendered').length > 0 || document.documentElement.dataset.view === 'list');
    return {
      harness, context, page, vault,
      close: async () => {
        await context.close();
        await harness.stop();
        expect(errors, 'uncaught errors in the page').toEqual([]);
      },
    };
  } catch (error) {
    await harness.stop('SIGKILL');
    throw error;
  }
}

/** No token anywhere in the page: markup, form values, storage. (Reveal is the one exception, checked separately.) */
export async function expectNoSecretInPage(page: Page, secrets: readonly string[]): Promise<void> {
  const seen = await page.evaluate(() => [
    document.documentElement.outerHTML,
    ...Array.from(document.querySelectorAll('input, textarea'), (el) => (el as HTMLInputElement).value),
    JSON.stringify(Object.entries(localStorage)),
    JSON.stringify(Object.entries(sessionStorage)),
  ].join('\n'));
  for (const secret of secrets) expect(seen.includes(secret), `a token (${secret.slice(0, 4)}…) is in the page`).toBe(false);
}

/**
 * The harness's records and logs hold no token, but for the clipboard writes (their whole point).
 * Its log redacts token-shaped strings before they reach stderr, so a search for the tokens cannot
 * see a leak there: the marker line it writes whenever it redacted one is the leak.
 */
export function expectRecordsClean(harness: Harness, secrets: readonly string[]): void {
  const records = harness.records.filter((r) => r.type !== 'clipboard');
  const text = `${JSON.stringify(records)}\n${harness.stderr()}`;
  for (const secret of secrets) expect(text.includes(secret), `a token (${secret.slice(0, 4)}…) is in the harness output`).toBe(false);
  // The redacted line itself comes just before the marker: show both.
  const lines = harness.stderr().split('\n');
  const redacted = lines.flatMap((line, i) => (line.includes(REDACTION_MARKER) ? [`${lines[i - 1] ?? ''}\n${line}`] : []));
  expect(redacted, 'the harness had to redact a token from its log').toEqual([]);
}

/** axe-core finds nothing serious or critical (WCAG 2.x A/AA rules and best practices). */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} (${String(v.impact)}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export type CheckedWindow = VaultWindow & { finish: () => Promise<void> };

/**
 * A vault window closed after the test even if it fails, with `finish`: no secret in the page,
 * then close, then none in the harness's records and logs. `secrets` is asked at finish time,
 * so it may name tokens the test creates later. Elements are waited for `waitMs` at most.
 */
export async function openCheckedWindow(browser: Browser, notionUrl: string, secrets: () => readonly string[], options: WindowOptions = {}, waitMs = 5_000): Promise<CheckedWindow> {
  const w = await openVaultWindow(browser, notionUrl, options);
  w.page.setDefaultTimeout(waitMs);
  let closed = false;
  onTestFinished(async () => {
    if (!closed) await w.close().catch(() => undefined);
  });
  return {
    ...w,
    finish: async () => {
      await expectNoSecretInPage(w.page, secrets());
      closed = true;
      await w.close();
      expectRecordsClean(w.harness, secrets());
    },
  };
}

/** An IPC answer's value; a refusal fails the test with main's message. */
export function valueOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`IPC refused: ${envelope.message}`);
  return envelope.value;
}
