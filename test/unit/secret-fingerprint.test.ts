import { describe, expect, it } from 'vitest';
import {
  FINGERPRINT_KEY_ACCOUNT, fingerprintOf, keyFromItem, loadFingerprintKey, madeWith, newKeyItem, sameFingerprint, type FingerprintKey,
} from '../../electron/core/vault/secret-fingerprint';
import { createMemoryStore } from '../support/memory-store';

const TOKEN = `ntn_${'a'.repeat(46)}`;
const OTHER = `ntn_${'b'.repeat(46)}`;

const key = (): FingerprintKey => {
  const made = keyFromItem(newKeyItem());
  if (made === null) throw new Error('a new key did not read back');
  return made;
};

describe('keyed secret fingerprints', () => {
  it('gives the same secret under the same key the same fingerprint, and another secret another', () => {
    const k = key();
    expect(fingerprintOf(k, TOKEN)).toBe(fingerprintOf(k, TOKEN));
    expect(fingerprintOf(k, OTHER)).not.toBe(fingerprintOf(k, TOKEN));
  });

  it('depends on the key: without it, vault.json cannot be used to test a guessed token', () => {
    const [a, b] = [key(), key()];
    expect(fingerprintOf(a, TOKEN)).not.toBe(fingerprintOf(b, TOKEN));
    expect(madeWith(a, fingerprintOf(a, TOKEN))).toBe(true);
    expect(madeWith(b, fingerprintOf(a, TOKEN)), 'a fingerprint made with another key is never compared').toBe(false);
    // Nothing of the secret or the key shows in it.
    const print = fingerprintOf(a, TOKEN);
    expect(print).not.toContain(TOKEN.slice(4, 12));
    expect(print).not.toContain(a.bytes.toString('hex').slice(0, 8));
    expect(print).not.toContain(a.bytes.toString('base64').slice(0, 8));
  });

  it('compares in constant time, and says no for different lengths instead of throwing', () => {
    const k = key();
    expect(sameFingerprint(fingerprintOf(k, TOKEN), fingerprintOf(k, TOKEN))).toBe(true);
    expect(sameFingerprint(fingerprintOf(k, TOKEN), fingerprintOf(k, OTHER))).toBe(false);
    expect(sameFingerprint(fingerprintOf(k, TOKEN), `${fingerprintOf(k, TOKEN)}0`)).toBe(false);
    expect(sameFingerprint('', fingerprintOf(k, TOKEN))).toBe(false);
  });

  it('refuses a damaged key item rather than fingerprinting with it', () => {
    expect(keyFromItem(null)).toBeNull();
    expect(keyFromItem('short')).toBeNull();
    expect(keyFromItem(Buffer.alloc(31).toString('base64'))).toBeNull();
    expect(keyFromItem(`${Buffer.alloc(32).toString('base64')}!`)).toBeNull();
  });

  it('is made once in the keychain, only when asked to, and then read back by every process', async () => {
    const store = createMemoryStore();
    expect(await loadFingerprintKey(store, { create: false })).toBeNull();
    expect(store.dump().size, 'a read-only look makes no key').toBe(0);
    const made = await loadFingerprintKey(store, { create: true });
    const again = await loadFingerprintKey(store, { create: true });
    expect(made?.id).toBeDefined();
    expect(again?.id).toBe(made?.id);
    expect([...store.dump().keys()]).toEqual([FINGERPRINT_KEY_ACCOUNT]);
  });

  it('replaces a damaged key item when it may make one', async () => {
    const store = createMemoryStore({ secrets: { [FINGERPRINT_KEY_ACCOUNT]: 'not a key' } });
    expect(await loadFingerprintKey(store, { create: false })).toBeNull();
    const made = await loadFingerprintKey(store, { create: true });
    expect(made).not.toBeNull();
    expect(keyFromItem(store.dump().get(FINGERPRINT_KEY_ACCOUNT) ?? null)?.id).toBe(made?.id);
  });
});
