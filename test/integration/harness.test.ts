// The browser harness (`npm run dev:web`, test/harness) as a subprocess, spoken to with plain
// HTTP the way a page (or a page that should not) would: the key and origin checks, the page it
// serves, the IPC contract over the loopback transport backed by the real core, the records on
// stdout, and a clean exit. Real keychain (with-keyring.sh), Notion API emulator.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { runInNewContext } from 'node:vm';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, apiName, type EntrySummary, type NavigateTarget, type StoredResult, type VaultApi } from '../../electron/common/ipc-contract';
import type { TrayMenuItem, TrayModel } from '../../electron/core/tray/tray-model';
import { REDACTION_MARKER } from '../harness/records';
import { fakeToken, makeVaultEnv } from '../support/cli';
import { startHarness, type Harness } from '../support/harness';
import { useSharedEmulator } from '../support/shared-emulator';
import { until } from '../support/until';

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
    const req = request({ host: '127.0.0.1', port: h.port, path: '/events', headers: { [h.keyHeader]: h.key } }, (res) => {
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

const labels = (items: readonly TrayMenuItem[]): string[] => items.flatMap((i) => ('label' in i ? [i.label] : []));

describe('the browser harness (test/harness, npm run dev:web)', () => {
  let h: Harness;
  const secrets: string[] = [];
  let entryId = '';
  let home = '';

  beforeAll(async () => {
    const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
    home = v.home;
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

  it('refuses IPC, events and the test routes without the key header, with a wrong key, for another Host, or from another origin', async () => {
    const host = `127.0.0.1:${String(h.port)}`;
    const json = { 'content-type': 'application/json' };
    const withKey = { ...json, [h.keyHeader]: h.key };
    const ipc = { method: 'POST', body: '[]' };
    const cases: [string, Parameters<typeof raw>[2] & { path: string }][] = [
      ['the page with the key and a rebinding Host', { path: `/?key=${h.key}`, headers: { host: `evil.example:${String(h.port)}` } }],
      ['the bridge for a rebinding Host', { path: '/harness/bridge.js', headers: { host: `rebind.example:${String(h.port)}` } }],
      ['the page from another site', { path: '/', headers: { 'sec-fetch-site': 'cross-site' } }],
      ['IPC without the key', { path: '/ipc/vault:list', ...ipc, headers: json }],
      ['IPC with a wrong key', { path: '/ipc/vault:list', ...ipc, headers: { ...json, [h.keyHeader]: 'A'.repeat(43) } }],
      ['IPC with an empty key', { path: '/ipc/vault:list', ...ipc, headers: { ...json, [h.keyHeader]: '' } }],
      ['IPC with the key twice', { path: '/ipc/vault:list', ...ipc, headers: { ...json, [h.keyHeader]: [h.key, h.key] as unknown as string } }],
      ['IPC with the key in the query', { path: `/ipc/vault:list?key=${h.key}`, ...ipc, headers: json }],
      ['IPC with the key in a cookie (the old way)', { path: '/ipc/vault:list', ...ipc, headers: { ...json, cookie: `nv_harness_${String(h.port)}=${h.key}; key=${h.key}` } }],
      ['IPC with the key for another Host', { path: '/ipc/vault:list', ...ipc, headers: { ...withKey, host: 'attacker.example' } }],
      ['IPC with the key on a DNS-rebound name', { path: '/ipc/vault:list', ...ipc, headers: { ...withKey, host: `rebind.example:${String(h.port)}` } }],
      ['IPC with the key from another local origin', { path: '/ipc/vault:list', ...ipc, headers: { ...withKey, origin: 'http://127.0.0.1:8080' } }],
      ['IPC with the key from a web page', { path: '/ipc/vault:reveal', ...ipc, headers: { ...withKey, origin: 'https://evil.example' } }],
      ['IPC with the key, cross-site by Fetch Metadata', { path: '/ipc/vault:list', ...ipc, headers: { ...withKey, 'sec-fetch-site': 'same-site' } }],
      ['reveal without the key', { path: '/ipc/vault:reveal', method: 'POST', body: '["x"]', headers: json }],
      ['events without the key', { path: '/events' }],
      ['events with a wrong key', { path: '/events', headers: { [h.keyHeader]: 'nope' } }],
      ['events with the key in the query', { path: `/events?key=${h.key}` }],
      ['events with the key in a cookie', { path: '/events', headers: { cookie: `nv_harness_${String(h.port)}=${h.key}` } }],
      ['the tray route without the key', { path: '/harness/tray', ...ipc, headers: json }],
      ['the clipboard route without the key', { path: '/harness/clipboard', method: 'POST', body: '{"text":"x"}', headers: json }],
    ];
    for (const [what, { path, ...options }] of cases) {
      const reply = await raw(h.port, path, options);
      expect(reply.status, what).toBe(403);
      expect(reply.body, what).toMatch(/^Forbidden/);
      expect(reply.headers['set-cookie'], what).toBeUndefined();
      expect(reply.body, what).not.toContain(h.key);
    }
    // With the right Host, localhost works too, and the same origin may say so.
    const ok = await raw(h.port, '/ipc/settings:get', { ...ipc, headers: { ...withKey, host: `localhost:${String(h.port)}`, origin: `http://localhost:${String(h.port)}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers['set-cookie']).toBeUndefined();
    expect((await raw(h.port, '/ipc/settings:get', { ...ipc, headers: { ...withKey, host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    // The header's name is case-insensitive, as HTTP's are.
    expect((await raw(h.port, '/ipc/settings:get', { ...ipc, headers: { ...json, 'x-vault-key': h.key } })).status).toBe(200);
  });

  it('serves the page, the bridge and the files without the key (they hold none) and never sets a cookie; the bridge runs first, connect-src is self', async () => {
    for (const path of ['/', '/index.html', `/?key=${h.key}`, `/?key=${'A'.repeat(43)}`]) {
      const reply = await raw(h.port, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['set-cookie'], path).toBeUndefined();
      expect(reply.body, path).not.toContain(h.key);
    }
    const response = await fetch(`${h.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('set-cookie')).toBeNull();
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

    // The page's own files come with their types, key or not; nothing outside out/renderer.
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${h.origin}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('set-cookie')).toBeNull();
    const bridgeScript = await fetch(`${h.origin}/harness/bridge.js`);
    expect(bridgeScript.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await bridgeScript.text()).not.toContain(h.key);
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json', '/assets', '/nope.js']) {
      expect((await raw(h.port, path)).status, path).toBe(404);
    }
  });

  it('the bridge is window.vault derived from the contract: it takes the key from the URL, drops it from the address bar, and sends it in a header', async () => {
    const source = await (await fetch(`${h.origin}/harness/bridge.js`)).text();
    const replaced: unknown[][] = [];
    const requests: { path: string; headers: Headers; credentials: RequestCredentials | undefined }[] = [];
    // A page's globals, as much as the bridge uses; fetch is a plain one (no key of its own) on the page's origin.
    const page: Record<string, unknown> = {
      location: { href: `${h.url}#details` },
      history: { state: null, replaceState: (...args: unknown[]) => { replaced.push(args); } },
      fetch: (path: string, init: RequestInit = {}) => {
        requests.push({ path, headers: new Headers(init.headers), credentials: init.credentials });
        return fetch(new URL(path, h.origin), init);
      },
      URL, TextDecoder, console, queueMicrotask,
      setTimeout: (run: () => void, ms: number) => setTimeout(run, ms).unref(),
      EventSource: () => { throw new Error('EventSource cannot send the key header'); },
    };
    page.window = page;
    runInNewContext(source, page);
    expect(replaced).toEqual([[null, '', '/#details']]);
    const vault = page.vault as VaultApi;
    expect(Object.keys(vault).sort()).toEqual([...CHANNELS.map((c) => apiName(c)), 'on'].sort());
    expect(await vault.settingsGet()).toMatchObject({ clipboardClearSeconds: 30, notifications: true });
    expect(requests.at(-1)).toMatchObject({ path: '/ipc/settings:get', credentials: 'omit' });
    expect(requests.at(-1)?.headers.get(h.keyHeader)).toBe(h.key);
    expect(requests.every((r) => !r.path.includes(h.key))).toBe(true);
    // Errors arrive as the page's own Error, with the one-line message.
    const failure = await vault.vaultRename('no-such-id', 'x').then(() => null, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/^\S.*\S$/);
    expect(() => vault.on('nope' as 'vault:changed', () => undefined)).toThrow('No such event: nope');

    // Events: a fetch with the header, read as Server-Sent Events.
    const seen: unknown[] = [];
    vault.on('ui:navigate', (target) => { seen.push(target); });
    await until('the bridge\'s event stream', () => requests.some((r) => r.path === '/events'));
    const stream = requests.find((r) => r.path === '/events');
    expect(stream?.headers.get(h.keyHeader)).toBe(h.key);
    await h.tray({ type: 'settings' });
    await until('ui:navigate through the bridge', () => seen.length > 0);
    expect(seen).toEqual([{ view: 'settings' }]);
  });

  it('a page opened without the key loads, but the bridge\'s calls and events are refused', async () => {
    const source = await (await fetch(`${h.origin}/harness/bridge.js`)).text();
    const errors: unknown[] = [];
    const page: Record<string, unknown> = {
      location: { href: `${h.origin}/` },
      history: { state: null, replaceState: () => { throw new Error('nothing to drop'); } },
      fetch: (path: string, init: RequestInit = {}) => fetch(new URL(path, h.origin), init),
      URL, TextDecoder, queueMicrotask,
      console: { error: (...args: unknown[]) => { errors.push(args.join(' ')); } },
      setTimeout: (run: () => void, ms: number) => setTimeout(run, ms).unref(),
    };
    page.window = page;
    runInNewContext(source, page);
    const vault = page.vault as VaultApi;
    await expect(vault.vaultList()).rejects.toThrow(/refused vault:list \(HTTP 403\): open the URL it printed again/);
    vault.on('vault:changed', () => undefined);
    await until('the refused event stream', () => errors.length > 0);
    expect(String(errors[0])).toMatch(/refused the event stream \(HTTP 403\)/);
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
    expect(await h.ipc('vault:reveal', entry.id)).toEqual({ ok: true, value: token });
    // Each copy and the reveal left one access-log line, naming the face; the window and the tray now say "used".
    const accessLog = readFileSync(join(home, 'access.log'), 'utf8');
    expect(accessLog).not.toContain(token);
    expect(accessLog.trimEnd().split('\n').map((line) => JSON.parse(line) as { action: string; program: string; entryId: string; pid: number })).toEqual(
      [['copy', 'window'], ['copy-env', 'window'], ['copy', 'tray'], ['reveal', 'window']].map(([action, program]) => ({
        at: expect.any(String) as unknown, entryId: entry.id, name: 'acme-bot', action, program, pid: expect.any(Number) as unknown,
      })),
    );
    const used = await h.ipc('vault:list');
    expect(used.ok && used.value[0]?.lastUsedAt).toEqual(expect.any(String));
    await h.waitFor('tray', (r) => JSON.stringify(r.model).includes('Used in the last 24 hours'), { from: copyFrom });
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

  it.skipIf(!existsSync(CHROMIUM))('in Chromium: the page gets window.vault under its CSP, the key leaves the address bar and no cookie holds it, events arrive, other hosts are blocked', async () => {
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
        return { cookie: document.cookie, href: location.href, names: list.map((e) => e.name), elsewhere, html: document.documentElement.outerHTML };
      });
      expect({ ...seen, html: undefined }).toEqual({ cookie: '', href: `${h.origin}/`, names: ['acme-bot'], elsewhere: 'blocked', html: undefined });
      // The key left the address bar, and no cookie holds it (a cookie would go to every port on 127.0.0.1).
      expect(seen.html).not.toContain(h.key);
      expect(await page.context().cookies()).toEqual([]);
      // A tray click reaches the page over the event stream.
      await h.tray({ type: 'add' });
      await page.waitForFunction(() => (window as unknown as { navigations: unknown[] }).navigations.length > 0);
      expect(await page.evaluate(() => (window as unknown as { navigations: unknown[] }).navigations)).toEqual([{ view: 'add' }]);
      expect(errors).toEqual([]);
      // A reload has no key any more: the page loads, its calls are refused.
      await page.reload();
      const after = await page.evaluate(() => (window as unknown as { vault: VaultApi }).vault.vaultList().then(() => 'answered', (error: unknown) => String(error)));
      expect(after).toMatch(/HTTP 403/);
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
    // The log redacts token-shaped strings, so the search above cannot see one there: its marker would.
    expect(h.stderr()).not.toContain(REDACTION_MARKER);
  });
});
