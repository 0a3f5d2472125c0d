import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHANNELS, type Channel } from '../../electron/common/ipc-contract';
import { answer } from '../../electron/core/app/ipc-answer';
import type { Handlers } from '../../electron/core/app/vault-handlers';
import type { TrayAction } from '../../electron/core/tray/tray-model';
import type { WireEvent } from './bridge';
import { foreignRequest, headerKey, sameKey } from './guard';
import { BRIDGE_PATH, readPage, staticFile, type RendererPage } from './page';

// The loopback transport: the page, its files, the IPC contract as POST /ipc/<channel>, main's
// events as Server-Sent Events (read by the bridge with fetch, so the key can go in a header),
// and two test-only routes that stand in for the person outside
// the window (copying from Notion, clicking the tray menu).

export interface ServerOptions {
  /** 0 for any free port. */
  port: number;
  key: string;
  /** out/renderer */
  root: string;
  /** The bundled bridge script. */
  bridge: string;
  handlers: Handlers;
  act: (action: TrayAction) => Promise<void>;
  setClipboard: (text: string) => void;
  log: (line: string) => void;
  /** A secret seen in a request, to redact from log lines. */
  remember: (secret: string) => void;
}

export interface HarnessServer {
  readonly port: number;
  /** To every open page. A navigation with no page open waits for the next one (the app would open its window). */
  send(event: WireEvent): void;
  close(): Promise<void>;
}

const BODY_LIMIT = 64 * 1024;
const HEARTBEAT_MS = 20_000;

/** Every tray action, and whether it names an entry; a Record, so a new action cannot be forgotten here. */
const TRAY_ACTIONS: Record<TrayAction['type'], boolean> = {
  copy: true, 'copy-env': true, check: true, details: true,
  add: false, 'check-all': false, open: false, settings: false, quit: false,
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startServer(options: ServerOptions): Promise<HarnessServer> {
  const { key, root, log } = options;
  let page: RendererPage = await readPage(root);
  if (!page.hadCsp) log('out/renderer/index.html has no Content-Security-Policy meta: serving a strict default instead.');
  const clients = new Set<ServerResponse>();
  let pendingNavigation: WireEvent | null = null;
  let port = 0;

  const headers = (res: ServerResponse): void => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', page.csp);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };
  const reply = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  const json = (res: ServerResponse, value: unknown, status = 200): void => { reply(res, status, 'application/json; charset=utf-8', JSON.stringify(value)); };
  const text = (res: ServerResponse, status: number, message: string): void => { reply(res, status, 'text/plain; charset=utf-8', `${message}\n`); };

  const servePage = async (res: ServerResponse): Promise<void> => {
    page = await readPage(root); // the renderer may have been rebuilt since
    headers(res);
    reply(res, 200, 'text/html; charset=utf-8', page.html);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => { clients.delete(res); });
    if (pendingNavigation !== null) {
      const waiting = pendingNavigation;
      pendingNavigation = null;
      write(res, waiting);
    }
  };
  const write = (res: ServerResponse, event: WireEvent): void => { res.write(`data: ${JSON.stringify(event)}\n\n`); };

  /** What holds no secret: the page (the bridge takes the key from its URL), the bridge and the renderer's files. */
  const serveFile = async (res: ServerResponse, path: string): Promise<void> => {
    if (path === '/' || path === '/index.html') await servePage(res);
    else if (path === BRIDGE_PATH) reply(res, 200, 'text/javascript; charset=utf-8', options.bridge);
    else {
      const file = await staticFile(root, path);
      if (file) reply(res, 200, file.type, file.body);
      else text(res, 404, 'Not found.');
    }
  };

  /** What needs the key: the event stream, IPC and the test-only routes. */
  const route = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method === 'GET' && path === '/events') {
      serveEvents(req, res);
    } else if (path.startsWith('/ipc/')) {
      const channel = path.slice('/ipc/'.length).replaceAll('%3A', ':').replaceAll('%3a', ':');
      if (!(CHANNELS as readonly string[]).includes(channel)) throw new HttpError(404, `No such channel: ${channel.slice(0, 40)}`);
      const args = await readJson(req);
      if (!Array.isArray(args)) throw new HttpError(400, 'The body must be a JSON array of the arguments.');
      rememberTexts(args, options.remember);
      json(res, await answer(options.handlers, channel as Channel, args, log));
    } else if (path === '/harness/clipboard') {
      const body = await readJson(req);
      if (!isObject(body) || typeof body.text !== 'string') throw new HttpError(400, 'Send {"text": "…"}.');
      options.remember(body.text);
      options.setClipboard(body.text);
      json(res, { ok: true });
    } else if (path === '/harness/tray') {
      const action = trayAction(await readJson(req));
      if (action === null) throw new HttpError(400, `Send a tray action: {"type": one of ${Object.keys(TRAY_ACTIONS).join(', ')}, "entryId" for entry actions}.`);
      await options.act(action);
      json(res, { ok: true });
    } else {
      text(res, 404, 'Not found.');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    headers(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (why: string): void => {
      log(`refused ${req.method ?? '?'} ${url.pathname.slice(0, 80)}: ${why}`);
      text(res, 403, 'Forbidden: open the URL that dev:web printed.');
    };
    const foreign = foreignRequest(req, port);
    const path = url.pathname;
    const onError = (error: unknown): void => { failed(req, res, path, error); };
    if (foreign !== null) {
      refuse(foreign);
    } else if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      text(res, 405, 'Method not allowed.');
    } else if (req.method === 'GET' && path !== '/events') {
      // Files: no secret in them, so the Host/Origin checks suffice (whatever key the URL holds is the bridge's to read).
      await serveFile(res, path).catch(onError);
    } else if (!sameKey(headerKey(req), key)) {
      refuse(headerKey(req) === null ? 'no key' : 'wrong key');
    } else {
      await route(req, res, path).catch(onError);
    }
  };

  const failed = (req: IncomingMessage, res: ServerResponse, path: string, error: unknown): void => {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof HttpError) {
      if (error.status === 413) res.setHeader('Connection', 'close');
      text(res, error.status, error.message);
    } else {
      log(`${req.method ?? '?'} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      text(res, 500, 'The harness failed: see its stderr.');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => { failed(req, res, req.url ?? '', error); });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  const heartbeat = setInterval(() => { for (const res of clients) res.write(': ping\n\n'); }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    port,
    send(event) {
      if (clients.size === 0) {
        if (event.event === 'ui:navigate') pendingNavigation = event;
        return;
      }
      for (const res of clients) write(res, event);
    },
    async close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
      server.closeIdleConnections();
      const force = setTimeout(() => { server.closeAllConnections(); }, 1_000);
      await closed;
      clearTimeout(force);
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json(\s*;|$)/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) throw new HttpError(413, 'The body is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, 'The body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function trayAction(value: unknown): TrayAction | null {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(TRAY_ACTIONS, value.type)) return null;
  const type = value.type as TrayAction['type'];
  if (!TRAY_ACTIONS[type]) return { type } as TrayAction;
  return typeof value.entryId === 'string' ? { type, entryId: value.entryId } : null;
}

/** Pasted token text travels in `text` fields (token:inspect, vault:add, vault:rotate). */
function rememberTexts(args: readonly unknown[], remember: (secret: string) => void): void {
  for (const arg of args) if (isObject(arg) && typeof arg.text === 'string') remember(arg.text);
}
