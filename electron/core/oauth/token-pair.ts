import { createHash } from '../lazy-crypto';

// What the keychain item of an OAuth entry holds. Access and refresh token are ONE item,
// `{"v":1,"access":"…","refresh":"…"}`, so the pair is replaced in one keychain write and can
// never be half-written. Every other entry (and an OAuth token pasted without its refresh
// token) holds the bare token. Whoever uses a token for Notion calls gets the access token.

export interface TokenPair {
  access: string;
  refresh: string;
}

/** A keychain item read back: the access token, and the refresh token if it came with one. */
export interface StoredToken {
  access: string;
  refresh: string | null;
}

/** A pair stored aside during a refresh, with the fingerprint of the access token it replaces. */
export interface PendingPair {
  pair: TokenPair;
  replaces: string;
}

const VERSION = 1;

export const encodePair = ({ access, refresh }: TokenPair): string => JSON.stringify({ v: VERSION, access, refresh });

export const encodePending = ({ access, refresh }: TokenPair, replacing: string): string =>
  JSON.stringify({ v: VERSION, access, refresh, replaces: fingerprint(replacing) });

/** The keychain account a refresh stores the new pair under before it replaces the entry's item. */
export const pendingAccount = (entryId: string): string => `${entryId}.refreshing`;

/** Short and one-way: enough to tell which access token a pending pair follows, without storing it twice. */
export const fingerprint = (access: string): string => createHash('sha256').update(access).digest('hex').slice(0, 16);

/**
 * The tokens in a keychain item, or null when it looks like a pair but is not one (damaged).
 * A pasted token is never a JSON object (token-text.ts peels those), so `{` starts only pairs.
 */
export function decodeItem(item: string): StoredToken | null {
  if (!item.startsWith('{')) return { access: item, refresh: null };
  const fields = parseObject(item);
  if (fields === null) return null;
  const { v, access, refresh } = fields;
  if (v !== VERSION || !isToken(access) || !isToken(refresh)) return null;
  return { access, refresh };
}

export function decodePending(item: string): PendingPair | null {
  const fields = parseObject(item);
  const pair = decodeItem(item);
  if (fields === null || pair?.refresh == null || typeof fields.replaces !== 'string') return null;
  return { pair: { access: pair.access, refresh: pair.refresh }, replaces: fields.replaces };
}

/** Whether two items share a token (the same grant stored twice, or a pasted token already held). */
export function sharesToken(a: StoredToken, b: StoredToken): boolean {
  const tokens = [b.access, b.refresh];
  return tokens.includes(a.access) || (a.refresh !== null && tokens.includes(a.refresh));
}

const isToken = (value: unknown): value is string => typeof value === 'string' && value !== '';

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
