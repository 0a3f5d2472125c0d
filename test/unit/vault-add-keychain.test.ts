// Vault.add writes the secret to the keychain while vault.json is being made, and writes vault.json
// only once the secret read back: a keychain that refuses or loses it leaves vault.json as it was.

import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { keychainError } from '../../electron/core/errors';
import { Vault, type NewEntry } from '../../electron/core/vault/vault';
import { openVaultFile, type VaultFile } from '../../electron/core/vault/vault-file';
import { entryFixture } from '../support/entry-fixture';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';

const token = (): string => `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;

const draft = (): NewEntry => {
  const { id: _id, name: _name, addedAt: _addedAt, ...fields } = entryFixture();
  return { ...fields, name: null };
};

async function rig(): Promise<{ vault: Vault; file: VaultFile; store: MemoryStore; before: string }> {
  const store = createMemoryStore();
  const file = openVaultFile({ dir: mkdtempSync(join(tmpdir(), 'vault-add-keychain-')) });
  const vault = new Vault(file, store);
  await vault.add({ ...draft(), name: 'first' }, token());
  return { vault, file, store, before: readFileSync(file.path, 'utf8') };
}

const names = (file: VaultFile): string[] => (JSON.parse(readFileSync(file.path, 'utf8')) as { entries: { name: string }[] }).entries.map((e) => e.name);

describe('add: vault.json is written only after the keychain kept the secret', () => {
  it('while the keychain write is under way vault.json is the old one; once it reads back, the entry is there', async () => {
    const { vault, file, store, before } = await rig();
    const set = store.set.bind(store);
    const seenWhileWriting: string[] = [];
    store.set = async (account, secret) => {
      await sleep(150); // a slow keyring: the document is serialized meanwhile
      seenWhileWriting.push(readFileSync(file.path, 'utf8'));
      return set(account, secret);
    };
    const secret = token();
    const entry = await vault.add({ ...draft(), name: 'second' }, secret);
    expect(seenWhileWriting).toEqual([before]);
    expect(names(file)).toEqual(['first', 'second']);
    expect(store.dump().get(entry.id)).toBe(secret);
  });

  it('a keychain write that fails leaves vault.json byte-identical and says why', async () => {
    const { vault, file, store, before } = await rig();
    store.set = () => Promise.reject(keychainError('The keychain refused the write: unlock it and try again.'));
    await expect(vault.add({ ...draft(), name: 'second' }, token())).rejects.toThrow(/refused the write/);
    expect(readFileSync(file.path, 'utf8')).toBe(before);
    expect(existsSync(join(file.path, '..', 'vault.json.lock'))).toBe(false);
  });

  it('a keychain that does not give the secret back: nothing written, and no item left behind', async () => {
    const { vault, file, store, before } = await rig();
    const get = store.get.bind(store);
    const itemsBefore = [...store.dump().keys()].sort();
    let added = '';
    const set = store.set.bind(store);
    store.set = (account, secret) => {
      added = account;
      return set(account, secret);
    };
    store.get = (account) => (account === added ? Promise.resolve('something else') : get(account));
    await expect(vault.add({ ...draft(), name: 'second' }, token())).rejects.toThrow(/did not keep the token/);
    expect(readFileSync(file.path, 'utf8')).toBe(before);
    expect([...store.dump().keys()].sort()).toEqual(itemsBefore);
  });
});
