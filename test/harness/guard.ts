import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the harness: only a page on this very origin that was opened with the per-run
// key. Another local page (any port on 127.0.0.1 counts as the same site for cookies), a DNS
// rebinding page, or a process without the key gets 403.

export const newKey = (): string => randomBytes(32).toString('base64url');

/** Per port: cookies ignore ports, and two harnesses may run side by side in one browser. */
export const cookieName = (port: number): string => `nv_harness_${String(port)}`;

/** Compares in constant time (hashes first, so the length does not leak either). */
export function sameKey(given: string | null | undefined, key: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(key));
}

export function keyCookie(port: number, key: string): string {
  return `${cookieName(port)}=${key}; HttpOnly; SameSite=Strict; Path=/`;
}

export function cookieKey(request: IncomingMessage, port: number): string | null {
  const name = cookieName(port);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
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
