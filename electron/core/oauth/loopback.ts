import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EXIT, VaultError, errnoCode, usageError } from '../errors';

/** The one browser redirect a connect attempt waits for. */
export interface CallbackListener {
  /**
   * The authorization code of the first `/callback` request that brings this attempt's `state`
   * (which may already have come). A callback with another or no `state` (any web page can send
   * the browser there) is answered 400 and ignored: the attempt keeps waiting. Rejects, with one
   * line for a person, on a denial or error from Notion, a timeout or an abort.
   */
  code(options: { timeoutMs: number; signal?: AbortSignal }): Promise<string>;
  /** Stop listening (idempotent). The listener also closes itself once it has had its callback. */
  close(): void;
}

/** Thrown when the person cancelled (the signal fired): nothing was stored. */
export class ConnectCancelled extends VaultError {
  constructor() {
    super('Connect cancelled: nothing was stored.', EXIT.attention);
    this.name = 'ConnectCancelled';
  }
}

const refused = (message: string): VaultError => new VaultError(message, EXIT.attention);

/** Where the listener listens: `localhost` in the redirect URI may resolve to either. */
const HOSTS = ['127.0.0.1', '::1'] as const;
/** ::1 cannot be bound on a machine without IPv6 loopback: 127.0.0.1 alone then serves. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/**
 * Listen on 127.0.0.1:PORT and [::1]:PORT for Notion's redirect to `http://localhost:PORT/callback`.
 * Loopback only; the one `/callback` request with this attempt's `state` is taken (anything else,
 * such as /favicon.ico, gets a 404; a callback with another state a 400); the browser gets a
 * short plain-text page and never sees the code or state echoed. The port busy on either address is busy.
 */
export async function openCallbackListener(port: number, state: string): Promise<CallbackListener> {
  const servers: Server[] = [];
  let taken = false;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
  };

  let settle: { resolve: (code: string) => void; reject: (error: VaultError) => void } | undefined;
  const result = new Promise<string>((resolve, reject) => { settle = { resolve, reject }; });
  result.catch(() => undefined); // code() reports it; a rejection nobody awaits yet is not an error
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/callback' || taken) {
      page(res, 404, 'Not found.');
      return;
    }
    if (url.searchParams.get('state') !== state) {
      // Not ours (another page, an old tab): say so and keep waiting for the real one.
      page(res, 400, 'This callback is not from the current connect attempt, so it was ignored. If you are connecting, finish in the page Notion opened.');
      return;
    }
    taken = true;
    const verdict = judge(url.searchParams);
    // Close only once the page is on its way, or the browser may get a reset instead.
    page(res, verdict.ok ? 200 : 400, verdict.page, close);
    if (verdict.ok) settle?.resolve(verdict.code);
    else settle?.reject(verdict.error);
  };

  for (const host of HOSTS) {
    const server = createServer(onRequest);
    try {
      await listen(server, port, host);
    } catch (error) {
      if (host !== '127.0.0.1' && NO_IPV6.has(errnoCode(error) ?? '')) continue;
      close();
      throw listenError(error, port, host);
    }
    servers.push(server);
  }

  return {
    close,
    code: ({ timeoutMs, signal }) =>
      new Promise<string>((resolve, reject) => {
        const finish = (error: VaultError | null, code?: string): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          close();
          if (error) reject(error);
          else resolve(code ?? '');
        };
        const onAbort = (): void => { finish(new ConnectCancelled()); };
        const timer = setTimeout(() => {
          finish(refused(`No answer from Notion within ${String(Math.round(timeoutMs / 1000))} s: nothing was stored; connect again and approve access in the browser.`));
        }, timeoutMs);
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        result.then((code) => { finish(null, code); }, (error: unknown) => { finish(error instanceof VaultError ? error : refused(String(error))); });
      }),
  };
}

type Verdict = { ok: true; code: string; page: string } | { ok: false; error: VaultError; page: string };

/** The callback that brought this attempt's state: Notion's answer, whatever it is, ends the attempt. */
function judge(query: URLSearchParams): Verdict {
  const again = 'Close this tab and connect again from Notion Token Vault.';
  const error = query.get('error');
  if (error === 'access_denied') {
    return { ok: false, page: `Access was not granted, so nothing was stored. ${again}`, error: refused('Access was denied in Notion: nothing was stored; connect again and allow access to connect.') };
  }
  if (error !== null) {
    const code = /^[\w.-]{1,40}$/.test(error) ? error : 'unknown';
    return { ok: false, page: `Notion reported an error (${code}), so nothing was stored. ${again}`, error: refused(`Notion answered the authorization with an error (${code}): nothing was stored; connect again.`) };
  }
  const code = query.get('code');
  if (code === null || code === '') {
    return { ok: false, page: `The answer had no authorization code. ${again}`, error: refused('The callback carried no authorization code: nothing was stored; connect again.') };
  }
  return { ok: true, code, page: 'Notion Token Vault has the authorization. You can close this tab.' };
}

function page(res: ServerResponse, status: number, text: string, then?: () => void): void {
  const body = `${text}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    'Referrer-Policy': 'no-referrer',
    'Connection': 'close',
  });
  res.end(body, then);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true, ipv6Only: host.includes(':') }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

function listenError(error: unknown, port: number, host: string): VaultError {
  const code = errnoCode(error);
  if (code === 'EADDRINUSE') return usageError(`Port ${String(port)} is busy: close what uses it, or register the integration with another port (and update the redirect URI in Notion).`);
  if (code === 'EACCES') return usageError(`Port ${String(port)} may not be used by this account: register the integration with a port from 1024 up (and update the redirect URI in Notion).`);
  const address = host.includes(':') ? `[${host}]` : host;
  return usageError(`Cannot listen on ${address}:${String(port)} (${code ?? 'error'}): register the integration with another port (and update the redirect URI in Notion).`);
}
