// The OAuth `state` stays out of the browser's command line, which every local user can read
// (/proc/PID/cmdline): `connect` hands the browser a file:// page, 0600 in a fresh 0700 folder,
// that forwards to Notion's authorize page, and deletes it once the attempt is over. The browser
// here is a script (NOTION_VAULT_BROWSER) that records what it was given, then acts as the person;
// the page itself is then opened in a real Chromium.

import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLaunchPage } from '../../electron/core/oauth/private-launch';
import { launchChromium } from '../support/browser';
import { makeVaultEnv, type VaultEnv } from '../support/cli';
import { registerIntegration, registerIssuedTokens, startConnect } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';
import { until } from '../support/until';

const notion = useSharedEmulator();
let registered = false;

/** What the fake browser saw, written before it acts (the page is gone once the connect ends). */
interface Seen {
  argv: string[];
  /** The browser process's /proc/self/cmdline: what any other local user reads. */
  cmdline: string | null;
  path: string;
  fileMode: number;
  dirMode: number;
  owner: number;
  html: string;
  target: string;
}

interface Rig {
  v: VaultEnv;
  /** Stands in for $XDG_RUNTIME_DIR. */
  runtime: string;
  browser: string;
  record: string;
}

function rig(decision: 'approve' | 'deny' | 'none'): Rig {
  if (!registered) {
    registerIssuedTokens(notion());
    registered = true;
  }
  const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
  const root = mkdtempSync(join(v.home, '..', 'launch-'));
  const dir = mkdtempSync(join(root, 'rt-'));
  chmodSync(dir, 0o700);
  const record = join(root, 'seen.json');
  const browser = join(root, 'browser.mjs');
  writeFileSync(browser, `#!${process.execPath}
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const argv = process.argv.slice(2);
const cmdline = existsSync('/proc/self/cmdline') ? readFileSync('/proc/self/cmdline', 'utf8') : null;
writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv, cmdline }));
const path = fileURLToPath(argv[0]);
const html = readFileSync(path, 'utf8');
const href = /<a href="([^"]+)"/.exec(html)[1];
const target = href.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const file = statSync(path), folder = statSync(dirname(path));
writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv, cmdline, path, fileMode: file.mode & 0o777, dirMode: folder.mode & 0o777, owner: file.uid, html, target }));
const decision = ${JSON.stringify(decision)};
if (decision !== 'none') {
  const page = new URL(target); page.searchParams.set('decision', decision);
  const answer = await fetch(page, { redirect: 'manual' });
  await fetch(answer.headers.get('location'));
}
`);
  chmodSync(browser, 0o755);
  return { v, runtime: dir, browser, record };
}

const seen = (r: Rig): Seen => JSON.parse(readFileSync(r.record, 'utf8')) as Seen;

function connect(r: Rig, args: readonly string[], env: Record<string, string> = {}): ReturnType<typeof startConnect> {
  return startConnect(r.v, args, { NOTION_VAULT_BROWSER: r.browser, XDG_RUNTIME_DIR: r.runtime, ...env });
}

/** Nothing in the browser's argv or command line lets another user learn the attempt's state. */
function expectPrivate(s: Seen, r: Rig): void {
  for (const visible of [s.argv.join(' '), s.cmdline ?? '']) {
    expect(visible).not.toContain('state=');
    expect(visible).not.toContain('?');
    expect(visible).not.toContain('oauth/authorize');
    expect(visible).not.toContain('client_id');
  }
  expect(s.argv).toHaveLength(1);
  expect(s.argv[0]).toMatch(/^file:\/\//);
  const state = new URL(s.target).searchParams.get('state');
  expect(state).toMatch(/^[\w-]{32}$/);
  expect(s.cmdline ?? '').not.toContain(state);
  expect(new URL(s.target).pathname).toBe('/v1/oauth/authorize');
  expect(s.path.startsWith(`${r.runtime}/`), 'the page is under $XDG_RUNTIME_DIR').toBe(true);
  expect(s.fileMode).toBe(0o600);
  expect(s.dirMode).toBe(0o700);
  expect(s.owner).toBe(process.getuid?.());
}

/** The page and its folder are gone, and nothing else was left in the runtime folder. */
function expectRemoved(s: Seen, r: Rig): void {
  expect(existsSync(s.path), 'the page was deleted').toBe(false);
  expect(readdirSync(r.runtime), 'its folder was deleted').toEqual([]);
}

describe.concurrent('connect hands the browser a private page, not the authorize URL', () => {
  it('approve: the browser is given a file:// URL without the state; the page is 0600 in a 0700 folder; the connect completes and the page is gone', async () => {
    const r = rig('approve');
    const app = await registerIntegration(notion(), r.v);
    const done = await connect(r, ['--integration', app.name, '--name', 'acme', '--timeout', '10']).done;
    const s = seen(r);
    expectPrivate(s, r);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Connected acme');
    expect(new URL(s.target).searchParams.get('client_id')).toBe(app.clientId);
    expectRemoved(s, r);
  });

  it('a timeout: the page is gone once the connect gives up', async () => {
    const r = rig('none');
    const app = await registerIntegration(notion(), r.v);
    const done = await connect(r, ['--integration', app.name, '--timeout', '3']).done;
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('No answer from Notion within 3 s');
    const s = seen(r);
    expectPrivate(s, r);
    expectRemoved(s, r);
  });

  it('a denial: the page is gone', async () => {
    const r = rig('deny');
    const app = await registerIntegration(notion(), r.v);
    const done = await connect(r, ['--integration', app.name, '--timeout', '10']).done;
    expectPrivate(seen(r), r);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('Access was denied in Notion');
    expectRemoved(seen(r), r);
  });

  it('Ctrl-C while waiting: the page is gone', async () => {
    const r = rig('none');
    const app = await registerIntegration(notion(), r.v);
    const run = connect(r, ['--integration', app.name, '--timeout', '10']);
    await until('the browser to read the page', () => existsSync(r.record) && readFileSync(r.record, 'utf8').includes('"html"'));
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expectRemoved(seen(r), r);
  });

  it('without $XDG_RUNTIME_DIR the page goes to the temp folder, as privately', async () => {
    const r = rig('approve');
    const app = await registerIntegration(notion(), r.v);
    const done = await connect(r, ['--integration', app.name, '--timeout', '10'], { XDG_RUNTIME_DIR: '', TMPDIR: r.runtime }).done;
    const s = seen(r);
    expectPrivate(s, r);
    expect(done.code, done.stderr).toBe(0);
    expectRemoved(s, r);
  });

  it('--no-browser writes no page', async () => {
    const r = rig('approve');
    const app = await registerIntegration(notion(), r.v);
    const done = await connect(r, ['--integration', app.name, '--no-browser', '--timeout', '1']).done;
    expect(done.code).toBe(1);
    expect(existsSync(r.record), 'no browser was started').toBe(false);
    expect(readdirSync(r.runtime)).toEqual([]);
  });
});

describe('the forwarding page in a real browser', () => {
  it('forwards to the authorize URL (script or meta refresh), loads nothing else, breaks no CSP rule', async () => {
    const target = `${notion().url}/v1/oauth/authorize?owner=user&client_id=x&redirect_uri=${encodeURIComponent('http://localhost:1/callback')}&response_type=code&state=abc"<b>'&x=1`;
    const dir = mkdtempSync(join(makeVaultEnv().home, '..', 'page-'));
    const page = writeLaunchPage(target, { XDG_RUNTIME_DIR: dir });
    const html = readFileSync(new URL(page.url), 'utf8');
    expect(html).not.toMatch(/\b(src|srcset|action)=|<link|<img|<iframe|@import|url\(/i);
    expect(statSync(new URL(page.url)).mode & 0o777).toBe(0o600);
    const expected = new URL(target).href;
    const browser = await launchChromium();
    try {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const tab = await context.newPage();
        const requests: string[] = [];
        const problems: string[] = [];
        tab.on('request', (request) => { requests.push(request.url()); });
        tab.on('console', (message) => { if (/Content Security Policy|Refused/i.test(message.text())) problems.push(message.text()); });
        await tab.goto(page.url);
        await tab.waitForURL(expected);
        expect(problems, `javascript ${String(javaScriptEnabled)}`).toEqual([]);
        expect(requests.filter((url) => url !== page.url && url !== expected), 'nothing but the page and Notion').toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
      page.remove();
    }
    expect(existsSync(new URL(page.url))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
