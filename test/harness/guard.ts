import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the harness: only a page on this very origin that knows the per-run key. The
// page, the bridge and the renderer's files hold no secret and need only the Host/Origin checks;
// every IPC call, the event stream and the test-only routes need the key in the X-Vault-Key
// header. Never in a cookie: cookies ignore ports, so any other server on 127.0.0.1 the browser
// visits would be sent it. Another local page, a DNS rebinding page, or a process without the
// key gets 403.

export const newKey = (): string => randomBytes(32).toString('base64url');

/** The header the bridge (and test/support/harness.ts) sends the key in. */
export const KEY_HEADER = 'X-Vault-Key';

/** Compares in constant time (hashes first, so the length does not leak either). */
export function sameKey(given: string | null | undefined, key: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(key));
}

/** The key a request carries in its header, or null. */
export function headerKey(request: IncomingMessage): string | null {
  const value = request.headers[KEY_HEADER.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

/** Why a request is refused before any key is looked at, or null: the Host (DNS rebinding), Origin and Fetch Metadata must all say "this origin". */
export function foreignRequest(request: IncomingMessage, port: number): string | null {
  const hosts = [`127.0.0.1:${String(port)}`, `localhost:${String(port)}`];
  const host = request.headers.host ?? '';
  if (!hosts.includes(host)) return 'wrong Host';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return 'foreign Origin';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site ${site}`;
  return null;
}
