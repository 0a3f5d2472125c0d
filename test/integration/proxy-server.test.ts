// The token proxy of `run --proxy` in-process, against the Notion emulator and local servers of
// its own: the token goes in only for the placeholder; no credential, no proxy; other hosts are
// tunnelled or forwarded untouched; each Notion request is reported without headers or bodies.

import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../../electron/core/proxy/child-env';
import { makeRunCertificates } from '../../electron/core/proxy/certificates';
import type { ProxiedRequest } from '../../electron/core/proxy/notion-forward';
import { startTokenProxy, type TokenProxy } from '../../electron/core/proxy/start-token-proxy';
import { fakeToken } from '../support/cli';
import { freePort } from '../support/oauth';
import { connectTunnel, NotionThroughProxy, notionRequest, proxyAuthorization } from '../support/proxy-client';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const VERSION = { 'notion-version': '2026-03-11' };
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function proxyFor(token: string, upstream = new URL(notion().url)): Promise<{ proxy: TokenProxy; url: URL; agent: NotionThroughProxy; seen: ProxiedRequest[] }> {
  notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
  const seen: ProxiedRequest[] = [];
  const proxy = await startTokenProxy({ upstream, token: () => Promise.resolve(token), onRequest: (r) => seen.push(r) });
  const url = new URL(proxy.url);
  const agent = new NotionThroughProxy(url, readFileSync(proxy.caFile, 'utf8'));
  open.push({ close: async () => { agent.destroy(); await proxy.close(); } });
  return { proxy, url, agent, seen };
}

const bearer = (token: string): Record<string, string> => ({ ...VERSION, authorization: `Bearer ${token}` });

describe('the token proxy', () => {
  it('puts the real token into a request that carries the placeholder; onRequest gets method, path, status and duration only', async () => {
    const token = fakeToken();
    const { agent, seen } = await proxyFor(token);
    const me = await notionRequest(agent, { path: '/v1/users/me?x=secret-query', headers: bearer(PLACEHOLDER) });
    expect(me.status).toBe(200);
    expect((JSON.parse(me.body) as { bot: { workspace_name: string } }).bot.workspace_name).toBe('Acme');
    const search = await notionRequest(agent, { method: 'POST', path: '/v1/search', headers: { ...bearer(PLACEHOLDER), 'content-type': 'application/json' }, body: '{"page_size":1}' });
    expect(search.status).toBe(200);
    expect(notion().requests(token).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/search']);
    expect(notion().requests(PLACEHOLDER)).toEqual([]);

    expect(seen.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/v1/users/me', status: 200 },
      { method: 'POST', path: '/v1/search', status: 200 },
    ]);
    for (const r of seen) {
      expect(Object.keys(r).sort()).toEqual(['method', 'ms', 'path', 'status']);
      expect(r.ms).toBeGreaterThan(0);
      expect(JSON.stringify(r)).not.toContain(token);
    }
  });

  it('treats plain-HTTP requests to api.notion.com (absolute URL) as the tunnelled ones: the token goes in', async () => {
    const token = fakeToken();
    const { url, seen } = await proxyFor(token);
    const answer = await plainGet(url, 'http://api.notion.com/v1/users/me', { 'proxy-authorization': proxyAuthorization(url), ...bearer(PLACEHOLDER) });
    expect(answer.status, answer.body).toBe(200);
    expect(notion().requests(token).map((r) => r.path)).toEqual(['/v1/users/me']);
    expect(seen.map((r) => r.path)).toEqual(['/v1/users/me']);
  });

  it('overwrites the token where a server in between echoes it into an answer (a 502 streamed, a 401 read whole)', async () => {
    const token = fakeToken();
    const { agent } = await proxyFor(token);
    for (const http of [502, 401] as const) {
      notion().updateToken(token, { fail: { http, body: 'echo-authorization' } });
      const answer = await notionRequest(agent, { path: '/v1/users/me', headers: bearer(PLACEHOLDER) });
      expect(answer.status).toBe(http);
      expect(answer.body).not.toContain(token);
      expect(answer.body).toContain(`Bearer ${'*'.repeat(token.length)}`);
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    }
  });

  it('refuses a request or CONNECT without the per-run credential, or with a wrong one (407); Notion sees nothing', async () => {
    const token = fakeToken();
    const { url } = await proxyFor(token);
    const wrong = new URL(url.href);
    wrong.password = 'not-the-password';
    for (const authorization of [null, proxyAuthorization(wrong), 'Bearer x']) {
      const tunnel = await connectTunnel(url, 'api.notion.com:443', authorization);
      expect(tunnel.status).toBe(407);
      expect(tunnel.headers['proxy-authenticate']).toMatch(/^Basic /);
      tunnel.socket.destroy();
      const plain = await plainGet(url, 'http://api.notion.com/v1/users/me', authorization === null ? {} : { 'proxy-authorization': authorization, ...bearer(PLACEHOLDER) });
      expect(plain.status).toBe(407);
    }
    expect(notion().requests(token)).toEqual([]);
  });

  it('outlives clients that reset their CONNECT mid-answer, with or without the credential', async () => {
    const token = fakeToken();
    const { url, agent } = await proxyFor(token);
    for (let i = 0; i < 20; i++) {
      for (const auth of ['', `Proxy-Authorization: ${proxyAuthorization(url)}\r\n`]) {
        const raw = netConnect(Number(url.port), url.hostname);
        raw.on('error', () => undefined);
        await new Promise<void>((resolve) => raw.once('connect', resolve));
        raw.write(`CONNECT api.notion.com:443 HTTP/1.1\r\nHost: api.notion.com:443\r\n${auth}\r\n`);
        raw.resetAndDestroy();
      }
    }
    expect((await notionRequest(agent, { path: '/v1/users/me', headers: bearer(PLACEHOLDER) })).status).toBe(200);
  });

  it('forwards a request that carries its own Authorization as it came', async () => {
    const token = fakeToken();
    const own = fakeToken();
    notion().setToken(own, { identity: 'internal', workspaceName: 'Other' });
    const { agent } = await proxyFor(token);
    const me = await notionRequest(agent, { path: '/v1/users/me', headers: bearer(own) });
    expect(me.status).toBe(200);
    expect((JSON.parse(me.body) as { bot: { workspace_name: string } }).bot.workspace_name).toBe('Other');
    const none = await notionRequest(agent, { path: '/v1/users/me', headers: VERSION });
    expect(none.status).toBe(401);
    expect(notion().requests(own).map((r) => r.path)).toEqual(['/v1/users/me']);
    expect(notion().requests(token)).toEqual([]);
  });

  it('tunnels a CONNECT to another host byte for byte: the client sees that server\'s own certificate', async () => {
    const { url, proxy } = await proxyFor(fakeToken());
    const other = await makeRunCertificates('localhost');
    const server = createTlsServer({ cert: other.leafCertPem, key: other.leafKeyPem }, (socket) => { socket.pipe(socket); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => server.close(() => { resolve(); })) });
    const tunnel = await connectTunnel(url, `127.0.0.1:${String((server.address() as AddressInfo).port)}`);
    expect(tunnel.status).toBe(200);
    const tls = tlsConnect({ socket: tunnel.socket, servername: 'localhost', ca: other.caPem });
    await new Promise<void>((resolve, reject) => { tls.once('secureConnect', resolve).once('error', reject); });
    expect(tls.getPeerX509Certificate()?.fingerprint256).toBe(new X509Certificate(other.leafCertPem).fingerprint256);
    expect(tls.getPeerX509Certificate()?.fingerprint256).not.toBe(new X509Certificate(readFileSync(proxy.caFile, 'utf8')).fingerprint256);
    const bytes = Buffer.from([0, 1, 2, 255, 13, 10, 0x1b]);
    tls.write(bytes);
    const echoed = await new Promise<Buffer>((resolve) => tls.once('data', resolve));
    expect(echoed).toEqual(bytes);
    tls.destroy();
  });

  it('forwards plain HTTP to another host untouched, but for the proxy\'s own credential', async () => {
    const { url } = await proxyFor(fakeToken());
    const got: IncomingHttpHeaders[] = [];
    const server = createHttpServer((req, res) => {
      got.push(req.headers);
      res.writeHead(201, { 'x-from': 'other' }).end(`seen ${req.method ?? ''} ${req.url ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => server.close(() => { resolve(); })) });
    const target = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/a/b?c=d`;
    const answer = await plainGet(url, target, { 'proxy-authorization': proxyAuthorization(url), authorization: `Bearer ${PLACEHOLDER}`, 'x-mine': 'kept' });
    expect(answer).toMatchObject({ status: 201, body: 'seen GET /a/b?c=d' });
    expect(answer.headers['x-from']).toBe('other');
    expect(got[0]?.authorization).toBe(`Bearer ${PLACEHOLDER}`);
    expect(got[0]?.['x-mine']).toBe('kept');
    expect(got[0]?.['proxy-authorization']).toBeUndefined();
  });

  it('answers 502 in Notion\'s error shape when Notion cannot be reached', async () => {
    const { agent, seen } = await proxyFor(fakeToken(), new URL(`http://127.0.0.1:${String(await freePort())}`));
    const answer = await notionRequest(agent, { path: '/v1/users/me', headers: bearer(PLACEHOLDER) });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toMatchObject({ object: 'error', status: 502, code: 'notion_vault_proxy_unreachable' });
    expect(seen.map((r) => r.status)).toEqual([502]);
  });

  it('sends a request once more on a new connection when the kept-alive one it got was closed by Notion\'s side', async () => {
    const token = fakeToken();
    // Answers the first request on each connection; the second one on it is cut off unanswered,
    // as when a server closes an idle connection just as the proxy reuses it.
    const served = new WeakMap<object, number>();
    const auth: (string | undefined)[] = [];
    const server = createHttpServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) {
        req.socket.destroy();
        return;
      }
      auth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"object":"user","body":${JSON.stringify(String(req.method))}}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => { resolve(); }); }) });
    const { agent } = await proxyFor(token, new URL(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}`));
    for (let i = 0; i < 3; i++) {
      const answer = await notionRequest(agent, { method: 'POST', path: '/v1/search', headers: { ...bearer(PLACEHOLDER), 'content-type': 'application/json' }, body: '{"page_size":1}' });
      expect(answer.status, answer.body).toBe(200);
    }
    expect(auth).toEqual([`Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`]);
  });

  it('close() drops open tunnels and removes the CA files', async () => {
    const { proxy, agent } = await proxyFor(fakeToken());
    expect((await notionRequest(agent, { path: '/v1/users/me', headers: bearer(PLACEHOLDER) })).status).toBe(200);
    expect(existsSync(proxy.caFile) && existsSync(proxy.bundleFile)).toBe(true);
    await proxy.close();
    expect(existsSync(proxy.caFile) || existsSync(proxy.bundleFile)).toBe(false);
    await expect(notionRequest(agent, { path: '/v1/users/me', headers: bearer(PLACEHOLDER) })).rejects.toThrow();
  });
});

/** A plain-HTTP proxy request (absolute URL) through the proxy. */
function plainGet(proxy: URL, target: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: proxy.hostname, port: proxy.port, path: target, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.once('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body }); });
    });
    req.once('error', reject);
    req.end();
  });
}
