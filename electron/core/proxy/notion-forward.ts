import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { PLACEHOLDER } from './child-env';
import { concealIn, concealing } from './conceal';
import { endToEnd, endToEndRaw } from './http-headers';
import type { ProxiedRequest } from '../handout/access-record';
import type { TokenSource } from './token-source';

export type { ProxiedRequest };

export interface ForwarderOptions {
  /** Where Notion is: https://api.notion.com, or the emulator in tests. */
  upstream: URL;
  tokens: TokenSource;
  onRequest?: (request: ProxiedRequest) => void;
}

export interface NotionForwarder {
  /** Answer one request the child sent to Notion's API host; `target` is its path and query. */
  handle(req: IncomingMessage, res: ServerResponse, target: string): void;
  close(): void;
}

/** A body up to this size is kept while it streams, so the request can be sent again (after a refresh, or on a fresh connection). */
export const RETRY_BODY_LIMIT = 1024 * 1024;

const OURS = new RegExp(`^Bearer\\s+${PLACEHOLDER}\\s*$`, 'i');
/** Errors of a request on a kept-alive connection that the server had just closed. */
const STALE = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Forwards the child's Notion requests upstream, streaming both ways. A request that carries the
 * placeholder gets the real token instead; when Notion rejects that token (401) it is renewed once
 * (see token-source.ts) and the request sent again, if its body was small enough to keep: the
 * child sees the second answer. Any other Authorization is the child's own and goes as it came.
 * A request that meets a kept-alive connection the server had just closed goes once more on a new one.
 * The token is overwritten in the answers to requests that carried it (see conceal.ts).
 */
export function createNotionForwarder({ upstream, tokens, onRequest }: ForwarderOptions): NotionForwarder {
  const secure = upstream.protocol === 'https:';
  // TLS to Notion is verified as for any other client (Node's roots, NODE_EXTRA_CA_CERTS).
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const prefix = upstream.pathname.replace(/\/+$/, '');

  function send(method: string, target: string, headers: OutgoingHttpHeaders): ClientRequest {
    const options = { protocol: upstream.protocol, hostname: upstream.hostname.replace(/^\[|\]$/g, ''), port: upstream.port || undefined, method, path: `${prefix}${target}`, headers: { ...headers, host: upstream.host }, agent };
    return secure ? httpsRequest(options) : httpRequest(options);
  }

  function handle(req: IncomingMessage, res: ServerResponse, target: string): void {
    const started = performance.now();
    const method = req.method ?? 'GET';
    res.once('close', () => onRequest?.({ method, path: target.split('?')[0] ?? '/', status: res.statusCode, ms: performance.now() - started }));
    const headers = endToEnd(req.headers);
    const ours = typeof req.headers.authorization === 'string' && OURS.test(req.headers.authorization);
    const token = ours ? tokens.current() : null;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const kept = keepBody(req);

    const first = send(method, target, headers);
    req.on('close', () => { if (!req.complete) first.destroy(); }); // the child gave up mid-body
    // pipe, not pipeline: a failed upstream request must not destroy the child's socket before its 502.
    req.pipe(first);
    watch(first, token, { stale: true, renew: token !== null });

    /** One attempt upstream: its answer relayed, or the request sent once more (see `again`). */
    function watch(request: ClientRequest, used: string | null, may: { stale: boolean; renew: boolean }): void {
      request.once('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed just as we reused it: the request never got there.
        if (may.stale && request.reusedSocket && STALE.has(error.code ?? '')) void again(used, { stale: false, renew: may.renew }, () => { unreachable(res, upstream, error); });
        else unreachable(res, upstream, error);
      });
      request.once('response', (answer) => {
        if (answer.statusCode === 401 && may.renew && used !== null) void renew(answer, used);
        else relay(answer, res, used);
      });
    }

    /** The same request once more, with `token` (ours) or as the child sent it, if its body was kept. */
    async function again(using: string | null, may: { stale: boolean; renew: boolean }, otherwise: () => void): Promise<void> {
      const body = await kept;
      if (body === null || res.destroyed) {
        otherwise();
        return;
      }
      const retry = send(method, target, using === null ? headers : { ...headers, authorization: `Bearer ${using}` });
      watch(retry, using, may);
      retry.end(body);
    }

    async function renew(rejected: IncomingMessage, used: string): Promise<void> {
      const refusal = concealIn(await readAll(rejected), Buffer.from(used));
      const next = await tokens.renew(used).catch(() => null);
      // Nothing better to offer, or the body was too large to send again: Notion's own answer.
      if (next === null) replay(res, rejected, refusal);
      else await again(next, { stale: true, renew: false }, () => { replay(res, rejected, refusal); });
    }
  }

  return { handle, close: () => { agent.destroy(); } };
}

/** The answer to the child as it streams in, without the hops' own headers, and without `token` if the request carried it. */
function relay(answer: IncomingMessage, res: ServerResponse, token: string | null): void {
  if (res.destroyed) {
    answer.resume();
    return;
  }
  res.writeHead(answer.statusCode ?? 502, endToEndRaw(answer.rawHeaders));
  // pipe, not pipeline: pipeline ends each use by aborting a signal, and that AbortError (a
  // DOMException with its stack) was a fifth of the proxy's own time per request.
  if (token === null) answer.pipe(res);
  else answer.pipe(concealing(token)).pipe(res);
  answer.once('error', () => res.destroy());
  res.once('close', () => { if (!answer.complete) answer.destroy(); });
}

/** An answer already read whole (Notion's 401), passed on as it came. */
function replay(res: ServerResponse, answer: IncomingMessage, body: Buffer): void {
  if (res.destroyed) return;
  const raw = endToEndRaw(answer.rawHeaders);
  const lengthAt = raw.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === 'content-length');
  if (lengthAt >= 0) raw.splice(lengthAt, 2);
  res.writeHead(answer.statusCode ?? 502, [...raw, 'content-length', String(body.length)]);
  res.end(body);
}

/** Notion unreachable: a 502 in Notion's error shape, so clients report it as they would Notion's. */
function unreachable(res: ServerResponse, upstream: URL, error: NodeJS.ErrnoException): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ object: 'error', status: 502, code: 'notion_vault_proxy_unreachable', message: `notion-vault's proxy could not reach ${upstream.origin} (${error.code ?? 'error'}): check your connection or NOTION_API_BASE_URL.` });
  res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The body as it streams by, or null once it passes RETRY_BODY_LIMIT (or the child aborts). */
function keepBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > RETRY_BODY_LIMIT) {
        chunks.length = 0;
        req.off('data', onData);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => { resolve(size > RETRY_BODY_LIMIT ? null : Buffer.concat(chunks)); });
    req.once('close', () => { resolve(null); });
  });
}

function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => { resolve(Buffer.concat(chunks)); });
    stream.once('error', () => { resolve(Buffer.concat(chunks)); });
  });
}
