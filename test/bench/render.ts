import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright';
import type { Entry } from '../../electron/common/types';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { launchChromium, newContext } from '../support/browser';
import { entryFixture } from '../support/entry-fixture';
import { startHarness } from '../support/harness';

// The vault window in Debian's Chromium through the browser harness: how long a vault of N
// entries takes from navigation start to its first rendered list (the renderer's
// `vault-list-rendered` mark), against an empty vault's first render in the same run.
// Entries are metadata only (the list never reads the keychain) and not due for a check.

const RUNS = 7;
const NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const WORKSPACES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne'];
const STATUSES = ['valid', 'valid', 'valid', 'invalid', 'unknown'] as const;

export interface RenderResult {
  entries: number;
  /** Median ms from navigation start to the first rendered list. */
  fullMs: number;
  emptyMs: number;
  runs: number[];
}

export interface BundleResult {
  /** Gzip bytes of everything the window loads (HTML, JS, CSS). */
  gzipBytes: number;
  files: number;
}

function entry(i: number): Entry {
  const at = new Date(NOW - (i % 300) * DAY).toISOString();
  const pat = i % 2 === 0;
  return entryFixture({
    id: `bench-${String(i)}`,
    name: `token-${String(i).padStart(3, '0')}`,
    kind: pat ? 'pat' : 'internal',
    workspaceId: `ws-${String(i % WORKSPACES.length)}`,
    workspaceName: WORKSPACES[i % WORKSPACES.length] ?? null,
    createdAt: at,
    addedAt: at,
    expiresAt: pat ? new Date(NOW + ((i % 365) - 20) * DAY).toISOString() : null,
    status: STATUSES[i % STATUSES.length],
    lastCheckedAt: at,
    pagesShared: i % 7 !== 0,
    // Not due: the harness's monitor must not check 500 tokens while we measure.
    nextCheckAt: new Date(NOW + 365 * DAY).toISOString(),
  });
}

async function vaultOf(count: number): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'notion-vault-bench-render-'));
  await openVaultFile({ dir: home }).update((doc) => {
    doc.entries = Array.from({ length: count }, (_, i) => entry(i));
  });
  return home;
}

async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(async () => {
    const name = 'vault-list-rendered';
    for (let i = 0; i < 500 && performance.getEntriesByName(name).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [mark] = performance.getEntriesByName(name);
    if (mark === undefined) throw new Error('the list never rendered (no vault-list-rendered mark)');
    return mark.startTime;
  });
}

/** First render of a `count`-entry vault vs an empty one, alternating, median of RUNS each. */
export async function benchRender(count = 500): Promise<RenderResult> {
  const homes = [await vaultOf(count), await vaultOf(0)];
  const env = (home: string): Record<string, string> => ({
    NOTION_VAULT_HOME: home, NOTION_VAULT_SERVICE: `notion-vault-bench-render-${String(process.pid)}`,
    NOTION_API_BASE_URL: 'http://127.0.0.1:9', NOTION_VAULT_NOW: new Date(NOW).toISOString(),
  });
  const [full, empty] = await Promise.all(homes.map((home) => startHarness(env(home))));
  if (full === undefined || empty === undefined) throw new Error('the harness did not start');
  const browser = await launchChromium();
  try {
    const page = await (await newContext(browser)).newPage();
    await firstRender(page, full.url); // warm-up: Chromium's caches, V8's code cache
    await firstRender(page, empty.url);
    const fullRuns: number[] = [];
    const emptyRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      fullRuns.push(await firstRender(page, full.url));
      emptyRuns.push(await firstRender(page, empty.url));
    }
    return { entries: count, fullMs: median(fullRuns), emptyMs: median(emptyRuns), runs: fullRuns };
  } finally {
    await browser.close();
    await Promise.all([full.stop(), empty.stop()]);
    await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  }
}

/** What the window downloads, gzipped as a web server would send it. */
export async function bundleSize(dir = resolve('out/renderer')): Promise<BundleResult> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(js|css|html)$/.test(f));
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
  return { gzipBytes, files: files.length };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
