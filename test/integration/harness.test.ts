// The browser harness (`npm run dev:web`, test/harness) as a subprocess, spoken to with plain
// HTTP the way a page (or a page that should not) would: the key and origin checks, the page it
// serves, the IPC contract over the loopback transport backed by the real core, the records on
// stdout, and a clean exit. Real keychain (with-keyring.sh), Notion API emulator.

import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { runInNewContext } from 'node:vm';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, apiName, type EntrySummary, type NavigateTarget, type StoredResult, type VaultApi } from '../../electron/common/ipc-contract';
import type { TrayMenuItem, TrayModel } from '../../electron/core/tray/tray-model';
import { fakeToken, makeVaultEnv } from '../support/cli';
import { startHarness, type Harness } from '../support/harness';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

// Debian's Chromium (never a Playwright download); the flags keep it off the closed network.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
if (!existsSync(CHROMIUM)) console.log(`SKIPPED: the harness in a real browser: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch will not send a foreign Host). */
function raw(port: number, path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }); });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether anything accepts a TCP connection there. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { resolve(false); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

/** The Server-Sent Events stream, as parsed messages. */
function events(h: Harness): { messages: unknown[]; close: () => void; opened: Promise<void> } {
  const messages: unknown[] = [];
  let close = (): void => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path: '/events', headers: { cookie: h.cookie } }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buffer = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        buffer += d;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) for (const line of block.split('\n')) if (line.startsWith('data: ')) messages.push(JSON.parse(line.slice(6)));
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    close = () => { req.destroy(); };
  });
  return { messages, close, opened };
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const labels = (items: readonly TrayMenuItem[]): string[] => items.flatMap((i) => ('label' in i ? [i.label] : []));

describe('the browser harness (test/harness, npm run dev:web)', () => {
  let h: Harness;
  const secrets: string[] = [];
  let entryId = '';

  beforeAll(async () => {
    const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
    h = await startHarness(v.env);
  });

  afterAll(async () => {
    await h.stop('SIGKILL');
  });

  it('prints one ready line first: a 127.0.0.1 URL with a 256-bit key; it listens on loopback IPv4 only', async () => {
    expect(h.stdout().split('\n')[0]).toBe(`ready: ${h.url}`);
    expect(h.stdout().match(/^ready: /gm)).toHaveLength(1);
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]{43}$/);
    expect(await accepts('127.0.0.1', h.port)).toBe(true);
    const elsewhere = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => !i.internal).map((i) => i.address);
    for (const address of ['::1', ...elsewhere]) expect(await accepts(address, h.port), address).toBe(false);
  });

  it('refuses every request without the key, with a wrong key, for another Host, or from another origin', async () => {
    const host = `127.0.0.1:${String(h.port)}`;
    const ipc = { method: 'POST', body: '[]' };
    const cases: [string, Parameters<typeof raw>[2] & { path: string }][] = [
      ['the page without a key', { path: '/' }],
      ['the page with a wrong key', { path: `/?key=${'A'.repeat(43)}` }],
      ['the page with an empty key', { path: '/?key=' }],
      ['the page with the key and a rebinding Host', { path: `/?key=${h.key}`, headers: { host: `evil.example:${String(h.port)}` } }],
      ['an asset without the cookie', { path: '/harness/bridge.js' }],
      ['IPC without the cookie', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json' } }],
      ['IPC with a wrong cookie', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json', cookie: `${h.cookie.split('=')[0] ?? ''}=nope` } }],
      ['IPC with the cookie for another Host', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, host: 'attacker.example' } }],
      ['IPC with the cookie on a DNS-rebound name', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, host: `rebind.example:${String(h.port)}` } }],
      ['IPC with the cookie from another local origin', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, origin: 'http://127.0.0.1:8080' } }],
      ['IPC with the cookie from a web page', { path: '/ipc/vault:copy', ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, origin: 'https://evil.example' } }],
      ['IPC with the cookie, cross-site by Fetch Metadata', { path: '/ipc/vault:list', ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, 'sec-fetch-site': 'same-site' } }],
      ['events without the cookie', { path: '/events' }],
      ['the tray route without the cookie', { path: '/harness/tray', ...ipc, headers: { 'content-type': 'application/json' } }],
    ];
    for (const [what, { path, ...options }] of cases) {
      const reply = await raw(h.port, path, options);
      expect(reply.status, what).toBe(403);
      expect(reply.body, what).toMatch(/^Forbidden/);
      expect(reply.headers['set-cookie'], what).toBeUndefined();
      expect(reply.body, what).not.toContain(h.key);
    }
    // With the right Host, localhost works too, and the same origin may say so.
    const ok = await raw(h.port, '/ipc/settings:get', { ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, host: `localhost:${String(h.port)}`, origin: `http://localhost:${String(h.port)}` } });
    expect(ok.status).toBe(200);
    expect((await raw(h.port, '/ipc/settings:get', { ...ipc, headers: { 'content-type': 'application/json', cookie: h.cookie, host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('serves the page: the key becomes an HttpOnly SameSite=Strict cookie, the bridge runs first, connect-src is self', async () => {
    const response = await fetch(h.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie.split(';').map((p) => p.trim())).toEqual([h.cookie, 'HttpOnly', 'SameSite=Strict', 'Path=/']);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("connect-src 'none'");

    const html = await response.text();
    const bridge = html.indexOf('<script src="/harness/bridge.js"></script>');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(html.search(/<script\s[^>]*type="module"/));
    expect(html).toContain(`content="${csp}"`);
    expect(html).not.toContain("connect-src 'none'");

    // The page's own files need the cookie, and come with their types; nothing outside out/renderer.
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await h.fetch(script ?? '');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await h.fetch('/harness/bridge.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json', '/assets', '/nope.js']) {
      expect((await raw(h.port, path, { headers: { cookie: h.cookie } })).status, path).toBe(404);
    }
  });

  it('the bridge is window.vault derived from the contract: one function per channel and on(), over this transport', async () => {
    const source = await (await h.fetch('/harness/bridge.js')).text();
    const page: Record<string, unknown> = {
      fetch: (path: string, init: RequestInit) => h.fetch(path, init),
      EventSource: class { onmessage: unknown = null; constructor(readonly url: string) {} },
    };
    page.window = page;
    runInNewContext(source, page);
    const vault = page.vault as VaultApi;
    expect(Object.keys(vault).sort()).toEqual([...CHANNELS.map((c) => apiName(c)), 'on'].sort());
    expect(await vault.settingsGet()).toMatchObject({ clipboardClearSeconds: 30, notifications: true });
    // Errors arrive as the page's own Error, with the one-line message.
    const failure = await vault.vaultRename('no-such-id', 'x').then(() => null, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/^\S.*\S$/);
    expect(() => vault.on('nope' as 'vault:changed', () => undefined)).toThrow('No such event: nope');
  });

  it('answers the IPC contract from the real core: add (no secret in the reply), the tray record, copy → the clipboard record', async () => {
    const settings = await h.ipc('settings:get');
    expect(settings).toMatchObject({ ok: true, value: { clipboardClearSeconds: 30 } });

    const stream = events(h);
    await stream.opened;
    const token = fakeToken();
    secrets.push(token);
    notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
    const from = h.records.length;
    const added = await h.ipc('vault:add', { text: `NOTION_TOKEN=${token}`, name: 'acme-bot' });
    if (!added.ok) throw new Error(added.message);
    const entry: StoredResult['entry'] = added.value.entry;
    entryId = entry.id;
    expect(entry).toMatchObject({ name: 'acme-bot', workspaceName: 'Acme', kind: 'internal', shownStatus: 'valid' });
    expect(JSON.stringify(added)).not.toContain(token);

    const tray = await h.waitFor('tray', (r) => JSON.stringify(r.model).includes('acme-bot'), { from });
    const model: TrayModel = tray.model;
    expect(labels(model.menu)).toEqual(expect.arrayContaining(['Acme', 'acme-bot — valid', 'Add token…', 'Quit']));
    expect(JSON.stringify(model)).not.toContain(token);
    await until('vault:changed on the event stream', () => stream.messages.some((m) => JSON.stringify(m) === '{"event":"vault:changed","args":[]}'));

    const listed = await h.ipc('vault:list');
    expect(listed.ok && listed.value.map((e: EntrySummary) => e.name)).toEqual(['acme-bot']);

    const copyFrom = h.records.length;
    expect(await h.ipc('vault:copy', entry.id, 'token')).toEqual({ ok: true, value: 30_000 });
    expect(await h.waitFor('clipboard', () => true, { from: copyFrom })).toEqual({ type: 'clipboard', text: token });
    await h.ipc('vault:copy', entry.id, 'env');
    await h.waitFor('clipboard', (r) => r.text === `NOTION_TOKEN=${token}`, { from: copyFrom });

    // The tray's Copy token does the same; Details… navigates the open page.
    const trayFrom = h.records.length;
    await h.tray({ type: 'copy', entryId: entry.id });
    await h.waitFor('clipboard', (r) => r.text === token, { from: trayFrom });
    await h.tray({ type: 'details', entryId: entry.id });
    const target: NavigateTarget = { view: 'details', id: entry.id };
    expect(await h.waitFor('navigate', () => true, { from: trayFrom })).toEqual({ type: 'navigate', target });
    await until('ui:navigate on the event stream', () => stream.messages.some((m) => JSON.stringify(m) === JSON.stringify({ event: 'ui:navigate', args: [target] })));
    stream.close();

    // Links: Notion pages are recorded (never opened); anything else is refused.
    expect(await h.ipc('app:open-external', 'https://www.notion.so/developers/tokens')).toEqual({ ok: true, value: null });
    await h.waitFor('open-external', (r) => r.url === 'https://www.notion.so/developers/tokens');
    expect(await h.ipc('app:open-external', 'https://evil.example/')).toMatchObject({ ok: false });
    expect(h.records.filter((r) => r.type === 'open-external')).toHaveLength(1);
  });

  it('errors come back as one-line envelopes: Notion refusing a token (401), a malformed token, unknown channels and bodies', async () => {
    const revoked = fakeToken();
    secrets.push(revoked);
    notion().setToken(revoked, { identity: 'internal', revoked: true });
    const refused = await h.ipc('vault:add', { text: revoked });
    expect(refused.ok).toBe(false);
    const message = refused.ok ? '' : refused.message;
    expect(message).toMatch(/^Not stored: /);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(revoked);

    const malformed = await h.ipc('vault:add', { text: 'not a token at all' });
    expect(malformed).toMatchObject({ ok: false });

    const post = (path: string, body: string, type = 'application/json'): Promise<Response> => h.fetch(path, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('/ipc/vault:nope', '[]')).status).toBe(404);
    expect((await h.fetch('/ipc/vault:list')).status).toBe(404); // GET: only files are got
    expect((await post('/ipc/vault:list', '{}')).status).toBe(400);
    expect((await post('/ipc/vault:list', '[')).status).toBe(400);
    expect((await post('/ipc/vault:list', '[]', 'text/plain')).status).toBe(415);
    expect((await post('/ipc/vault:add', JSON.stringify([{ text: 'x'.repeat(70_000) }]))).status).toBe(413);
    expect((await post('/harness/tray', '{"type":"copy"}')).status).toBe(400);
    expect((await post('/harness/tray', '{"type":"rm -rf"}')).status).toBe(400);
    expect((await h.fetch('/ipc/vault:list', { method: 'DELETE' })).status).toBe(405);
  });

  it('the clipboard route is what the person copied: the core reads it (clipboard:peek), and it is not recorded', async () => {
    const copied = fakeToken();
    secrets.push(copied);
    const before = h.records.filter((r) => r.type === 'clipboard').length;
    await h.setClipboard(`  ${copied}\n`);
    const peek = await h.ipc('clipboard:peek');
    expect(peek).toEqual({ ok: true, value: { token: true, redacted: `ntn_…${copied.slice(-4)}` } });
    expect(h.records.filter((r) => r.type === 'clipboard')).toHaveLength(before);
  });

  it.skipIf(!existsSync(CHROMIUM))('in Chromium: the page gets window.vault under its CSP, the cookie is HttpOnly, events arrive, other hosts are blocked', async () => {
    const browser = await chromium.launch({ headless: true, executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => { errors.push(error.message); });
      await page.goto(h.url);
      const seen = await page.evaluate(async () => {
        const page = window as unknown as { vault: VaultApi; navigations: unknown[] };
        page.navigations = [];
        page.vault.on('ui:navigate', (target) => { page.navigations.push(target); });
        const list = await page.vault.vaultList();
        const elsewhere = await fetch('http://127.0.0.1:9/').then(() => 'allowed', () => 'blocked');
        return { cookie: document.cookie, names: list.map((e) => e.name), elsewhere };
      });
      expect(seen).toEqual({ cookie: '', names: ['acme-bot'], elsewhere: 'blocked' });
      // A tray click reaches the page over the event stream.
      await h.tray({ type: 'add' });
      await page.waitForFunction(() => (window as unknown as { navigations: unknown[] }).navigations.length > 0);
      expect(await page.evaluate(() => (window as unknown as { navigations: unknown[] }).navigations)).toEqual([{ view: 'add' }]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a PAT a day from expiry: the monitor announces it once, as a notification record', async () => {
    const token = fakeToken();
    secrets.push(token);
    notion().setToken(token, { identity: 'pat-person', workspaceName: 'Globex' });
    const day = 86_400_000;
    const from = h.records.length;
    const added = await h.ipc('vault:add', {
      text: token, name: 'globex-pat', kind: 'pat', workspace: 'Globex',
      createdAt: new Date(Date.now() - 60 * day).toISOString().slice(0, 10),
      expiresAt: new Date(Date.now() + day).toISOString().slice(0, 10),
    });
    if (!added.ok) throw new Error(added.message);
    const notice = await h.waitFor('notification', () => true, { from });
    expect(notice).toMatchObject({ type: 'notification', urgency: expect.any(String) as unknown, entryId: added.value.entry.id });
    expect(`${notice.title} ${notice.body}`).toContain('globex-pat');
    expect(JSON.stringify(notice)).not.toContain(token);
    await h.waitFor('tray', (r) => r.model.icon === 'attention', { from });
  });

  it('SIGTERM: clears a token it copied, exits 0; only the clipboard records carry a secret; nothing but records follows the ready line', async () => {
    // Copied just before: the 30 s clear is pending, and would die with the process.
    const from = h.records.length;
    await h.tray({ type: 'copy-env', entryId });
    await h.waitFor('clipboard', (r) => r.text.startsWith('NOTION_TOKEN='), { from });
    expect(await h.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(h.records.at(-1)).toEqual({ type: 'clipboard', text: '' });

    const lines = h.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ready: /);
    for (const line of lines.slice(1)) {
      const record = JSON.parse(line) as { type: string };
      expect(['tray', 'clipboard', 'notification', 'open-external', 'navigate', 'login-item']).toContain(record.type);
      if (record.type !== 'clipboard') for (const secret of secrets) expect(line).not.toContain(secret);
    }
    for (const secret of secrets) expect(h.stderr()).not.toContain(secret);
    expect(h.stderr()).not.toContain(h.key);
  });
});
