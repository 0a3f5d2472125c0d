import type { IncomingHttpHeaders } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from '../lazy-crypto';

/** The per-run credential: only a process told the proxy URL (the child) can use the proxy. */
export interface ProxyCredential {
  user: string;
  password: string;
  /** Whether a request carries this credential in Proxy-Authorization (Basic), compared in constant time. */
  admits(headers: IncomingHttpHeaders): boolean;
}

const USER = 'notion-vault';

export function newProxyCredential(): ProxyCredential {
  const password = randomBytes(24).toString('base64url');
  // Compared as digests: equal lengths whatever was sent, so the comparison time tells nothing.
  const expected = digest(`Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`);
  return {
    user: USER,
    password,
    admits(headers) {
      const sent = headers['proxy-authorization'];
      return typeof sent === 'string' && timingSafeEqual(digest(normalize(sent)), expected);
    },
  };
}

/** `basic  abc=` and `Basic abc=` are the same credential (the scheme is case-insensitive, RFC 9110). */
const normalize = (value: string): string => value.trim().replace(/^basic\s+/i, 'Basic ');

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
