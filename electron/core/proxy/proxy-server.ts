import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { endToEnd, endToEndRaw } from './http-headers';
import type { NotionForwarder } from './notion-forward';
import type { ProxyCredential } from './proxy-auth';

export interface ProxyServerOptions {
  /** The one host whose CONNECTs are intercepted (TLS terminated with `leaf`). */
  host: string;
  leaf: { cert: string; key: string };
  credential: ProxyCredential;
  notion: NotionForwarder;
}

export interface ProxyServer {
  port: number;
  /** Stops listening and drops every connection, tunnels included. */
  close(): Promise<void>;
}

const REALM = 'Basic realm="notion-vault run --proxy"';

/**
 * An HTTP proxy on 127.0.0.1 (a random port) for one child. Every request and CONNECT must carry
 * the per-run credential, else 407. CONNECT to `host`:443 is answered by a TLS server of our own,
 * whose requests go to `notion`; CONNECT anywhere else is a byte-for-byte tunnel; a plain-HTTP
 * request (absolute URL) is forwarded as it came, but for its hop-by-hop headers.
 */
export async function listenProxy({ host, leaf, credential, notion }: ProxyServerOptions): Promise<ProxyServer> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const plainAgent = new Agent({ keepAlive: true });

  // Never listens: intercepted CONNECT sockets are handed to it. No request time limit: an upload
  // to Notion may take long, and the child decides when to give up.
  const intercept = createTlsServer({ cert: leaf.cert, key: leaf.key, ALPNProtocols: ['http/1.1'], requestTimeout: 0 }, (req, res) => {
    notion.handle(req, res, req.url ?? '/');
  });
  intercept.on('tlsClientError', (_error, socket) => { socket.destroy(); });

  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    if (!credential.admits(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': REALM, 'content-length': 0 });
      res.end();
      return;
    }
    const target = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : null;
    if (target?.protocol !== 'http:') {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('notion-vault run --proxy: send requests through this proxy with an absolute http:// URL, or CONNECT.\n');
      return;
    }
    if (isHost(target.hostname, host)) notion.handle(req, res, `${target.pathname}${target.search}`);
    else forwardPlain(req, res, target, plainAgent);
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // The HTTP server lets go of a CONNECT's socket: a client that resets it must not take notion-vault down.
    socket.on('error', () => { socket.destroy(); });
    if (!credential.admits(req.headers)) {
      socket.end(`HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${REALM}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const target = authority(req.url ?? '');
    if (target === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    if (isHost(target.host, host) && target.port === 443) {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      intercept.emit('connection', socket);
      return;
    }
    tunnel(socket, head, target, track);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeAll(server, sockets, plainAgent),
  };
}

function closeAll(server: Server, sockets: Set<Duplex>, agent: Agent): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => { resolve(); }));
  for (const socket of sockets) socket.destroy();
  agent.destroy();
  return closed;
}

/** A tunnel to a host we do not intercept: bytes both ways, nothing read or changed. */
function tunnel(socket: Socket, head: Buffer, target: { host: string; port: number }, track: (socket: Duplex) => void): void {
  const upstream = connect(target.port, target.host);
  track(upstream);
  upstream.once('connect', () => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.once('error', () => {
    if (upstream.connecting) socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  socket.once('error', () => upstream.destroy());
  socket.once('close', () => upstream.destroy());
  upstream.once('close', () => socket.destroy());
}

function forwardPlain(req: IncomingMessage, res: ServerResponse, target: URL, agent: Agent): void {
  const upstream = request({ hostname: bare(target.hostname), port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers: endToEnd(req.headers), agent });
  upstream.once('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, endToEndRaw(answer.rawHeaders));
    answer.pipe(res);
    answer.once('error', () => res.destroy()); // the server cut its answer short
  });
  upstream.once('error', () => {
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { 'content-length': 0 }).end();
  });
  req.pipe(upstream);
}

/** `host:port` of a CONNECT (`[::1]:443` too), or null. */
export function authority(text: string): { host: string; port: number } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65_535) return null;
  return { host: bare(match[1]), port };
}

const bare = (host: string): string => host.replace(/^\[|\]$/g, '');
const isHost = (name: string, host: string): boolean => name.toLowerCase().replace(/\.$/, '') === host;
