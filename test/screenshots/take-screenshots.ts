// `npm run screenshots`: the README's pictures of the vault window, light and dark, written to
// docs/screenshots/. The window is the built renderer in Debian's Chromium on the browser harness
// (test/harness), backed by the real core on a private keychain (with-keyring.sh) and the Notion
// emulator, with a handful of realistic tokens. Dates are fixed (NOTION_VAULT_NOW for the core,
// Playwright's clock for the page) so the images only change when the window does.
//
// The vault is built up over a few runs of the harness at earlier "nows", so the entries have a
// past: added weeks ago, revoked and rotated last week, checked a few hours ago.
//
// Tokens are random and made here (they are not the test suite's); none is ever printed.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright';
import type { AddRequest, Envelope } from '../../electron/common/ipc-contract';
import { launchChromium } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { startNotionEmulator, type NotionEmulator, type TokenSpec } from '../support/notion-emulator';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'docs/screenshots');

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The moment the pictures show. */
const NOW = new Date('2026-06-15T09:30:00.000Z');
const at = (msBefore: number): Date => new Date(NOW.getTime() - msBefore);

/** A plausible token nobody else has: `ntn_` + 46 letters and digits. */
function randomToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `ntn_${Array.from(randomBytes(46), (b) => alphabet[b % alphabet.length]).join('')}`;
}

function valueOf<T>(what: string, envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${what}: ${envelope.message}`);
  return envelope.value;
}

interface Token {
  secret: string;
  spec: TokenSpec;
  name: string;
  request?: Omit<AddRequest, 'text' | 'name'>;
}

const tokens = {
  acmeSync: { secret: randomToken(), name: 'acme-sync', spec: { identity: 'internal', workspaceName: 'Acme', userName: 'Acme Sync' } },
  acmePat: { secret: randomToken(), name: 'acme-pat', spec: { identity: 'pat-bot', workspaceName: 'Acme', userName: 'Ada Lovelace', creator: 'Ada Lovelace' } },
  acmeCi: { secret: randomToken(), name: 'acme-ci', spec: { identity: 'internal', workspaceName: 'Acme', userName: 'Acme CI' } },
  globexReports: { secret: randomToken(), name: 'globex-reports', spec: { identity: 'internal', workspaceName: 'Globex', userName: 'Globex Reports', pagesShared: false } },
  globexOauth: { secret: randomToken(), name: 'globex-oauth', spec: { identity: 'oauth', workspaceName: 'Globex', userName: 'Publish to Notion' }, request: { kind: 'oauth' } },
  initechPat: { secret: randomToken(), name: 'initech-pat', spec: { identity: 'pat-person', userName: 'Peter Gibbons' }, request: { kind: 'pat', workspace: 'Initech' } },
  initechLegacy: { secret: randomToken(), name: 'initech-legacy', spec: { identity: 'internal', workspaceName: 'Initech', userName: 'TPS Reports' } },
  acmeNotes: { secret: randomToken(), name: 'acme-notes', spec: { identity: 'pat-bot', workspaceName: 'Acme', userName: 'Grace Hopper' }, request: { kind: 'pat' } },
  globexExport: { secret: randomToken(), name: 'globex-export', spec: { identity: 'pat-bot', workspaceName: 'Globex', userName: 'Hank Scorpio' }, request: { kind: 'pat' } },
  globexDeploy: { secret: randomToken(), name: 'globex-deploy', spec: { identity: 'pat-bot', workspaceName: 'Globex', userName: 'Hank Scorpio' }, request: { kind: 'pat' } },
} satisfies Record<string, Token>;
/** A page in Acme: shared with acme-sync, seen by Ada Lovelace (acme-pat's creator), not by the others. */
const ROADMAP_PAGE = '5e1ea5e0c4ec4a1b9d2e3f405162738a';

/** acme-ci's replacement, after its first token was revoked. */
const acmeCiNew = randomToken();

interface Vault {
  home: string;
  env: Record<string, string>;
}

/** The harness at a given "now", for `work`; stopped afterwards whatever happens. */
async function withHarness<T>(vault: Vault, now: Date, work: (harness: Harness) => Promise<T>): Promise<T> {
  const harness = await startHarness({ ...vault.env, NOTION_VAULT_NOW: now.toISOString() });
  try {
    return await work(harness);
  } finally {
    const exit = await harness.stop();
    if (exit.code !== 0) process.stderr.write(`the harness exited with ${String(exit.code ?? exit.signal)}\n`);
  }
}

async function add(harness: Harness, token: Token, extra: Omit<AddRequest, 'text' | 'name'> = {}): Promise<string> {
  const stored = valueOf(`adding ${token.name}`, await harness.ipc('vault:add', { text: token.secret, name: token.name, ...token.request, ...extra }));
  return stored.entry.id;
}

async function idOf(harness: Harness, name: string): Promise<string> {
  const entry = valueOf('listing', await harness.ipc('vault:list')).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`${name} is not in the vault`);
  return entry.id;
}

/** The vault's past, one harness run per moment. */
async function buildHistory(notion: NotionEmulator, vault: Vault): Promise<void> {
  for (const token of Object.values(tokens)) notion.setToken(token.secret, token.spec);
  notion.setToken(acmeCiNew, { ...tokens.acmeCi.spec });
  notion.content.set(ROADMAP_PAGE, { kind: 'page', title: 'Release checklist', workspaceName: 'Acme', sharedWith: [tokens.acmeSync.secret], people: ['Ada Lovelace'] });

  // Eighty days ago: the first tokens, among them a 90-day PAT (10 days left now) and one made
  // twenty days before that (expired ten days ago).
  await withHarness(vault, at(80 * DAY_MS), async (h) => {
    await add(h, tokens.acmeSync);
    await add(h, tokens.globexOauth);
    await add(h, tokens.acmePat, { kind: 'pat', createdAt: at(80 * DAY_MS).toISOString(), expiresAt: at(-10 * DAY_MS).toISOString() });
    await add(h, tokens.globexExport, { createdAt: at(100 * DAY_MS).toISOString(), expiresAt: at(10 * DAY_MS).toISOString() });
  });
  await withHarness(vault, at(45 * DAY_MS), async (h) => {
    await add(h, tokens.acmeCi);
    await add(h, tokens.initechLegacy);
    await add(h, tokens.globexReports);
  });
  await withHarness(vault, at(30 * DAY_MS), async (h) => {
    await add(h, tokens.initechPat, { createdAt: at(30 * DAY_MS).toISOString(), expiresAt: at(-335 * DAY_MS).toISOString() });
    await add(h, tokens.globexDeploy, { createdAt: at(30 * DAY_MS).toISOString(), expiresAt: at(-150 * DAY_MS).toISOString() });
  });
  await withHarness(vault, at(20 * DAY_MS), async (h) => {
    await add(h, tokens.acmeNotes, { createdAt: at(20 * DAY_MS).toISOString(), expiresAt: at(-70 * DAY_MS).toISOString() });
  });
  // Nine days ago: acme-ci's token and initech-legacy were revoked in Notion; the checks saw it.
  notion.revoke(tokens.acmeCi.secret);
  notion.revoke(tokens.initechLegacy.secret);
  await withHarness(vault, at(9 * DAY_MS), async (h) => {
    valueOf('checking', await h.ipc('vault:check', [await idOf(h, 'acme-ci'), await idOf(h, 'initech-legacy')]));
  });
  // …and acme-ci got a new token half an hour later.
  await withHarness(vault, at(9 * DAY_MS - 35 * 60_000), async (h) => {
    valueOf('rotating acme-ci', await h.ipc('vault:rotate', await idOf(h, 'acme-ci'), { text: acmeCiNew }));
  });
  // This morning: the monitor's checks; two were checked again just now.
  await withHarness(vault, at(5 * HOUR_MS), async (h) => {
    valueOf('checking', await h.ipc('vault:check', []));
  });
  await withHarness(vault, at(35 * 60_000), async (h) => {
    valueOf('checking', await h.ipc('vault:check', [await idOf(h, 'acme-pat'), await idOf(h, 'globex-reports')]));
  });
}

async function openWindow(browser: Browser, harness: Harness, colorScheme: 'light' | 'dark'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    colorScheme, viewport: { width: 960, height: 680 }, reducedMotion: 'reduce', locale: 'en-US', timezoneId: 'UTC',
  });
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => { errors.push(error.message); });
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 2, name: 'Your tokens', exact: true }).waitFor();
  await page.locator('#entries').waitFor();
  return {
    page,
    close: async () => {
      await context.close();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}

/** A picture as a person would see it: no focus ring left from the heading that took the focus. */
async function snap(page: Page, file: string): Promise<void> {
  await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, file), fullPage: true, animations: 'disabled', caret: 'hide' });
  console.log(`wrote docs/screenshots/${file}`);
}

/** One part of the window, with a margin of the page around it. */
async function snapPart(page: Page, part: Locator, file: string): Promise<void> {
  await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); });
  await part.scrollIntoViewIfNeeded(); // the clip is of the viewport, which boundingBox is relative to
  const box = await part.boundingBox();
  if (box === null) throw new Error(`${file}: the part is not shown`);
  const margin = 16;
  await page.screenshot({
    path: join(OUT, file), animations: 'disabled', caret: 'hide',
    clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin },
  });
  console.log(`wrote docs/screenshots/${file}`);
}

async function shoot(browser: Browser, harness: Harness, scheme: 'light' | 'dark'): Promise<void> {
  const { page, close } = await openWindow(browser, harness, scheme);
  try {
    const timeline = page.getByRole('region', { name: 'Expiry in the next 12 months', exact: true });
    await timeline.getByRole('button', { name: /^acme-pat,/ }).waitFor();
    await snap(page, `list-${scheme}.png`);
    await snapPart(page, timeline, `timeline-${scheme}.png`);

    // "Which token sees…": a page of Acme's, asked of every Acme token.
    const which = page.getByRole('region', { name: 'Which token sees…', exact: true });
    await which.getByRole('textbox', { name: 'Notion page link or id' }).fill(`https://www.notion.so/acme/Release-checklist-${ROADMAP_PAGE}`);
    await which.getByRole('button', { name: 'Ask Notion', exact: true }).click();
    await which.getByRole('status').filter({ hasText: 'Seen: “Release checklist” (page).' }).waitFor();
    await which.getByRole('listitem').filter({ hasText: 'acme-notes' }).waitFor();
    await snapPart(page, which, `which-${scheme}.png`);
    await which.getByRole('textbox', { name: 'Notion page link or id' }).fill('');

    // The wizard's richest step: creating a PAT in Notion (steps, the page to open, capabilities, expiry).
    await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Add token', exact: true }).click();
    await page.getByRole('radio', { name: 'Personal access token (PAT)', exact: true }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: /^Step 2 of 4/ }).waitFor();
    await snap(page, `wizard-${scheme}.png`);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();

    // The details of a token with a past: added, rejected once revoked, rotated.
    await page.getByRole('button', { name: 'acme-ci', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'acme-ci', exact: true }).waitFor();
    await snap(page, `details-${scheme}.png`);

    // The settings, in their groups.
    await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Check interval (hours)', { exact: true }).waitFor();
    await snap(page, `settings-${scheme}.png`);
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'notion-vault-screenshots-'));
  const vault: Vault = { home, env: { NOTION_VAULT_HOME: home, NOTION_VAULT_SERVICE: `notion-vault-screenshots-${randomBytes(4).toString('hex')}` } };
  const notion = await startNotionEmulator();
  vault.env.NOTION_API_BASE_URL = notion.url;
  let browser: Browser | undefined;
  try {
    await buildHistory(notion, vault);
    browser = await launchChromium();
    const shooter = browser;
    await withHarness(vault, NOW, async (harness) => {
      await shoot(shooter, harness, 'light');
      await shoot(shooter, harness, 'dark');
      // Leave nothing in the keychain.
      for (const entry of valueOf('listing', await harness.ipc('vault:list'))) valueOf(`removing ${entry.name}`, await harness.ipc('vault:remove', entry.id));
    });
  } finally {
    await browser?.close();
    await notion.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
