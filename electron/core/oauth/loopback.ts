import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EXIT, VaultError, errnoCode, usageError } from '../errors';

/** The one browser redirect a connect attempt waits for. */
export interface CallbackListener {
  /**
   * The authorization code of the first `/callback` request (which may already have come).
   * Rejects, with one line for a person, on a denial, a wrong `state`, a timeout or an abort.
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

/**
 * Listen on 127.0.0.1:PORT for Notion's redirect to `http://localhost:PORT/callback`. Loopback
 * only; exactly one `/callback` request is taken (anything else, such as /favicon.ico, gets a
 * 404); the browser gets a short plain-text page and never sees the code or state echoed.
 */
export async function openCallbackListener(port: number, state: string): Promise<CallbackListener> {
  const server = createServer();
  let taken = false;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    server.close();
    server.closeAllConnections();
  };

  const result = new Promise<string>((resolve, reject) => {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET' || url.pathname !== '/callback' || taken) {
        page(res, 404, 'Not found.');
        return;
      }
      taken = true;
      const verdict = judge(url.searchParams, state);
      // Close only once the page is on its way, or the browser may get a reset instead.
      page(res, verdict.ok ? 200 : 400, verdict.page, close);
      if (verdict.ok) resolve(verdict.code);
      else reject(verdict.error);
    });
  });
  result.catch(() => undefined); // code() reports it; a rejection nobody awaits yet is not an error

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      reject(listenError(error, port));
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });

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

function judge(query: URLSearchParams, state: string): Verdict {
  const again = 'Close this tab and connect again from Notion Token Vault.';
  if (query.get('state') !== state) {
    return { ok: false, page: `This answer did not come from the connect attempt that is waiting. ${again}`, error: refused('The callback did not come from this connect attempt (its state does not match): nothing was stored; run connect again.') };
  }
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

function listenError(error: unknown, port: number): VaultError {
  const code = errnoCode(error);
  if (code === 'EADDRINUSE') return usageError(`Port ${String(port)} is busy: close what uses it, or register the integration with another port (and update the redirect URI in Notion).`);
  if (code === 'EACCES') return usageError(`Port ${String(port)} may not be used by this account: register the integration with a port from 1024 up (and update the redirect URI in Notion).`);
  return usageError(`Cannot listen on 127.0.0.1:${String(port)} (${code ?? 'error'}): register the integration with another port (and update the redirect URI in Notion).`);
}
