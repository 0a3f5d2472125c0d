import type { Entry } from '../../common/types';
import type { SecretStore } from '../keychain/secret-store';
import { decodeItem, sharesToken, type StoredToken } from '../oauth/token-pair';
import { fingerprintOf, madeWith, sameFingerprint, type FingerprintKey } from './secret-fingerprint';
import { isStoredFingerprint, type StoredFingerprint, type VaultDoc } from './vault-schema';

// Which entry already holds a secret, for `add` and `rotate`. Entries with a fingerprint made with
// the current key for the secret they hold now are compared by fingerprint; only the others (written
// by older builds, OAuth connections whose refreshes replace their tokens, a lost key) are read from
// the keychain, and what those reads learn is fingerprinted for next time.

export interface HolderSearch {
  holder: Entry | undefined;
  /** Fingerprints of entries whose secrets had to be read: worth keeping when the document is written. */
  learned: Map<string, StoredFingerprint>;
}

export async function findHolder(doc: VaultDoc, store: SecretStore, key: FingerprintKey | null, secret: string): Promise<HolderSearch> {
  const wanted = decodeItem(secret);
  const prints = key === null || wanted === null ? [] : tokensOf(wanted).map((token) => fingerprintOf(key, token));
  const learned = new Map<string, StoredFingerprint>();
  const stored = storedFingerprints(doc);
  for (const entry of doc.entries) {
    const known = key === null ? null : trustedFingerprint(stored, entry, key);
    if (known !== null) {
      if (prints.some((print) => sameFingerprint(print, known))) return { holder: entry, learned };
      continue;
    }
    const item = await store.get(entry.id);
    if (item === null) continue;
    const held = decodeItem(item);
    if (item === secret || (wanted !== null && held !== null && sharesToken(wanted, held))) return { holder: entry, learned };
    if (key !== null && held !== null) {
      const print = fingerprintFor(key, entry, held);
      if (print !== null) learned.set(entry.id, print);
    }
  }
  return { holder: undefined, learned };
}

/**
 * The fingerprint to keep for an entry that holds `token`, or null when its secret must be read each
 * time: an OAuth connection (a refresh replaces its pair without touching vault.json) or a pair.
 */
export function fingerprintFor(key: FingerprintKey, entry: Entry, token: StoredToken): StoredFingerprint | null {
  if (entry.integrationId != null || token.refresh !== null) return null;
  return { hmac: fingerprintOf(key, token.access), stamp: secretStamp(entry) };
}

/** Record fingerprints before the document is written, and drop those of entries that are gone. */
export function keepFingerprints(doc: VaultDoc, changes: ReadonlyMap<string, StoredFingerprint | null>): void {
  const prints = storedFingerprints(doc);
  doc.fingerprints = prints;
  for (const [id, print] of changes) {
    // defineProperty, not assignment: an id such as `__proto__` stays a plain key.
    if (print === null) Reflect.deleteProperty(prints, id);
    else Object.defineProperty(prints, id, { value: print, enumerable: true, writable: true, configurable: true });
  }
  // Entries are removed elsewhere (remove, updateEntries): their fingerprints go once they are noticed.
  if (Object.keys(prints).length > doc.entries.length) {
    const ids = new Set(doc.entries.map((e) => e.id));
    for (const id of Object.keys(prints)) if (!ids.has(id)) Reflect.deleteProperty(prints, id);
  }
}

function trustedFingerprint(stored: Record<string, unknown>, entry: Entry, key: FingerprintKey): string | null {
  if (entry.integrationId != null) return null;
  const print: unknown = Object.hasOwn(stored, entry.id) ? stored[entry.id] : undefined;
  if (!isStoredFingerprint(print) || !madeWith(key, print.hmac) || print.stamp !== secretStamp(entry)) return null;
  return print.hmac;
}

function storedFingerprints(doc: VaultDoc): Record<string, unknown> {
  const { fingerprints } = doc;
  return typeof fingerprints === 'object' && fingerprints !== null && !Array.isArray(fingerprints) ? (fingerprints as Record<string, unknown>) : {};
}

/** When the entry got the secret it holds now: its newest add or rotation (null if its history no longer says). */
function secretStamp(entry: Entry): string | null {
  for (let i = entry.history.length - 1; i >= 0; i--) {
    const item = entry.history[i];
    if (item !== undefined && item.event !== 'checked') return item.at;
  }
  return null;
}

const tokensOf = (token: StoredToken): string[] => (token.refresh === null ? [token.access] : [token.access, token.refresh]);
