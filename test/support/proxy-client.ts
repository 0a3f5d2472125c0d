// An in-process client of `run --proxy`'s proxy, for tests and the bench: CONNECT tunnels (with or
// without the per-run credential), and an https.Agent that reaches https://api.notion.com through
// the proxy (trusting the run's CA) with kept-alive tunnels, as a proxy-aware client would.

import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';

/** `Proxy-Authorization` for a proxy URL's user:password, as clients derive it. */
export const proxyAuthorization = (proxy: URL): string => `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;

export interface Tunnel {
  status: number;
  headers: IncomingHttpHeaders;
  /** The tunnel when status is 200; closed otherwise. */
  socket: Socket;
}

/** CONNECT `target` (host:port) through the proxy; `authorization` null sends none. */
export function connectTunnel(proxy: URL, target: string, authorization: string | null = proxyAuthorization(proxy)): Promise<Tunnel> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target, headers: authorization === null ? {} : { 'proxy-authorization': authorization } });
    req.once('connect', (res, socket) => { resolve({ status: res.statusCode ?? 0, headers: res.headers, socket }); });
    req.once('error', reject);
    req.end();
  });
}

/** TLS over a tunnel to api.notion.com, trusting the run's CA only. */
async function notionTls(proxy: URL, secureContext: SecureContext): Promise<TLSSocket> {
  const tunnel = await connectTunnel(proxy, 'api.notion.com:443');
  if (tunnel.status !== 200) throw new Error(`CONNECT answered ${String(tunnel.status)}`);
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({ socket: tunnel.socket, servername: 'api.notion.com', secureContext, ALPNProtocols: ['http/1.1'] }, () => { resolve(tls); });
    tls.once('error', reject);
  });
}

/** Keeps tunnels alive between requests, as undici's ProxyAgent and curl do. */
export class NotionThroughProxy extends HttpsAgent {
  // One context for every tunnel: building one parses the CA, which costs more than a request.
  private readonly context: SecureContext;

  constructor(private readonly proxy: URL, ca: string) {
    super({ keepAlive: true });
    this.context = createSecureContext({ ca });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: TLSSocket) => void): undefined {
    notionTls(this.proxy, this.context).then((socket) => callback?.(null, socket), (error: unknown) => callback?.(error as Error, undefined as unknown as TLSSocket));
    return undefined;
  }
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request to https://api.notion.com through `agent`. */
export function notionRequest(agent: HttpsAgent, { method = 'GET', path, headers = {}, body }: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: 'api.notion.com', method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }); });
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}
