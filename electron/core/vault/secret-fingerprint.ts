import { createHmac, randomBytes } from '../lazy-crypto';
import { getVerified, setVerified, type SecretStore } from '../keychain/secret-store';

// A keyed fingerprint of each stored secret lets `add` and `rotate` refuse a duplicate without
// reading every secret from the keychain (O(n) reads under the vault lock). It is an HMAC with a
// random key kept in the keychain, never in vault.json: whoever holds vault.json alone cannot test
// a guessed token against it offline. The app and the CLI share the key through the keychain.

/** The keychain account (under the vault's service) that holds the fingerprint key. */
export const FINGERPRINT_KEY_ACCOUNT = '__fingerprint-key__';

const KEY_BYTES = 32;

export interface FingerprintKey {
  /** Names the key in each fingerprint, so one made with another (lost, replaced) key is never compared. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** A fresh key as the keychain item holds it (base64). */
export const newKeyItem = (): string => randomBytes(KEY_BYTES).toString('base64');

/** The key a keychain item holds, or null when there is none or it is damaged. */
export function keyFromItem(item: string | null): FingerprintKey | null {
  if (item === null) return null;
  const bytes = Buffer.from(item, 'base64');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== item) return null;
  return { id: hmac(bytes, 'notion-vault fingerprint key id').slice(0, 8), bytes };
}

/** `keyId:hmac`: the same secret and key give the same fingerprint; another key, another one. */
export function fingerprintOf(key: FingerprintKey, secret: string): string {
  // 128 bits: a collision (a false "already stored") is out of reach, and 100,000 entries stay small.
  return `${key.id}:${hmac(key.bytes, secret).slice(0, 32)}`;
}

/**
 * Whether two fingerprints are of the same secret, in time that does not depend on where they
 * differ: every unit is compared, with no early exit. Plain strings, no buffers: `add` compares
 * one against every stored entry's (10,000 of them: two buffers each cost ~30 ms).
 */
export function sameFingerprint(a: string, b: string): boolean {
  let differ = a.length ^ b.length;
  // Past b's end charCodeAt gives NaN, which ^ takes as 0: the lengths differ then anyway.
  for (let i = 0; i < a.length; i++) differ |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return differ === 0;
}

/** Whether a fingerprint was made with this key (one made with another key says nothing). */
export const madeWith = (key: FingerprintKey, fingerprint: string): boolean => fingerprint.startsWith(`${key.id}:`);

/**
 * The vault's fingerprint key from the keychain. With `create` (only under the vault lock, so two
 * processes never make two keys for one vault) a missing or damaged key is replaced by a new one:
 * fingerprints made with the old key then no longer match it and their secrets are read instead.
 */
export async function loadFingerprintKey(store: SecretStore, { create }: { create: boolean }): Promise<FingerprintKey | null> {
  const key = keyFromItem(await getVerified(store, FINGERPRINT_KEY_ACCOUNT));
  if (key !== null || !create) return key;
  const item = newKeyItem();
  await setVerified(store, FINGERPRINT_KEY_ACCOUNT, item);
  return keyFromItem(item);
}

const hmac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');
