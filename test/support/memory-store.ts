// An in-memory SecretStore for unit tests: no keychain, no D-Bus. It behaves like the real
// one where the core depends on it: `get` answers null for a missing account, `delete` says
// whether something was there, and a locked store reads null, refuses writes and fails its probe
// with the keychain error (exit 3) the keytar binding gives for a locked collection.

import { keychainError } from '../../electron/core/errors';
import { keychainFix } from '../../electron/core/keychain/keychain-errors';
import type { SecretStore } from '../../electron/core/keychain/secret-store';

export interface MemoryStore extends SecretStore {
  /** While true: `get` answers null, `set` and `delete` throw, `probe` throws, as a locked keyring does. */
  locked: boolean;
  /** What is stored, for assertions (a copy). */
  dump(): Map<string, string>;
  /** How many times each method was called. */
  readonly calls: { get: number; set: number; delete: number; probe: number };
}

export interface MemoryStoreOptions {
  locked?: boolean;
  /** Accounts stored up front. */
  secrets?: Record<string, string>;
}

const lockedError = (): Error => keychainError(`The keychain is locked: ${keychainFix('linux')}.`);

export function createMemoryStore({ locked = false, secrets = {} }: MemoryStoreOptions = {}): MemoryStore {
  const items = new Map<string, string>(Object.entries(secrets));
  const calls = { get: 0, set: 0, delete: 0, probe: 0 };
  const store: MemoryStore = {
    locked,
    calls,
    dump: () => new Map(items),
    get(account) {
      calls.get += 1;
      if (store.locked) return Promise.resolve(null);
      return Promise.resolve(items.get(account) ?? null);
    },
    set(account, secret) {
      calls.set += 1;
      if (store.locked) return Promise.reject(lockedError());
      items.set(account, secret);
      return Promise.resolve();
    },
    delete(account) {
      calls.delete += 1;
      if (store.locked) return Promise.reject(lockedError());
      return Promise.resolve(items.delete(account));
    },
    probe() {
      calls.probe += 1;
      if (store.locked) return Promise.reject(lockedError());
      return Promise.resolve();
    },
  };
  return store;
}
