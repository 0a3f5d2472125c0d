// Vault.rotate's swap, on an in-memory keychain that records every call and can be made to fail:
// the old secret stays in the entry's item until the new one has been stored aside and read back,
// and any failure on the way leaves the old one there.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../electron/core/keychain/secret-store';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { Vault } from '../../electron/core/vault/vault';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { entryFixture } from '../support/entry-fixture';
import { createMemoryStore } from '../support/memory-store';

const OLD = `ntn_${'o'.repeat(40)}`;
const NEW = `ntn_${'n'.repeat(40)}`;

interface Rig {
  vault: Vault;
  log: string[];
  items: () => Map<string, string>;
  /** Make the next write to this account fail (throw), or the next read of the new secret there answer something else. */
  failNext: (op: 'set' | 'get', account: string, how: 'throw' | 'garble') => void;
}

async function rig(): Promise<Rig> {
  const memory = createMemoryStore();
  const log: string[] = [];
  const failures: { op: string; account: string; how: 'throw' | 'garble' }[] = [];
  const take = (op: string, account: string): 'throw' | 'garble' | null => {
    const i = failures.findIndex((f) => f.op === op && f.account === account);
    return i < 0 ? null : (failures.splice(i, 1)[0]?.how ?? null);
  };
  const store: SecretStore = {
    ...memory,
    async get(account) {
      const value = await memory.get(account);
      const how = value === NEW ? take('get', account) : null;
      log.push(`get ${account} → ${value === null ? 'null' : value === OLD ? 'old' : value === NEW ? 'new' : 'other'}`);
      return how === 'garble' ? 'garbled' : value;
    },
    async set(account, secret) {
      if (take('set', account) === 'throw') {
        log.push(`set ${account} FAILED`);
        throw new Error('The keychain refused the write.');
      }
      log.push(`set ${account} ${secret === OLD ? 'old' : 'new'}`);
      await memory.set(account, secret);
    },
    async delete(account) {
      log.push(`delete ${account}`);
      return memory.delete(account);
    },
  };
  const file = openVaultFile({ dir: mkdtempSync(join(tmpdir(), 'vault-rotate-')) });
  const vault = new Vault(file, store);
  const { id: _id, name: _name, addedAt: _addedAt, ...fields } = entryFixture();
  await vault.add({ ...fields, name: 'acme' }, OLD);
  log.length = 0;
  // The entries' items; the vault's fingerprint key (secret-fingerprint.ts) is not one of them.
  const items = (): Map<string, string> => new Map([...memory.dump()].filter(([account]) => account !== FINGERPRINT_KEY_ACCOUNT));
  return { vault, log, items, failNext: (op, account, how) => { failures.push({ op, account, how }); } };
}

const swap = (r: Rig): Promise<unknown> => r.vault.rotate('acme', NEW, (e) => ({ ...e, status: 'unchecked' }));

describe('Vault.rotate keeps the old secret until the new one is stored and read back', () => {
  it('writes the new secret aside and reads it back before it touches the entry’s item', async () => {
    const r = await rig();
    const { id } = await r.vault.find('acme');
    await swap(r);
    const firstWriteToItem = r.log.indexOf(`set ${id} new`);
    const stagedReadBack = r.log.indexOf(`get ${id}.rotating → new`);
    expect(stagedReadBack).toBeGreaterThanOrEqual(0);
    expect(firstWriteToItem).toBeGreaterThan(stagedReadBack);
    expect(r.log.slice(firstWriteToItem)).toContain(`get ${id} → new`);
    expect(r.items()).toEqual(new Map([[id, NEW]]));
  });

  it('a failed write aside leaves the old secret, and vault.json, as they were', async () => {
    const r = await rig();
    const { id } = await r.vault.find('acme');
    r.failNext('set', `${id}.rotating`, 'throw');
    await expect(swap(r)).rejects.toThrow();
    expect(r.log).not.toContain(`set ${id} new`);
    expect(r.items()).toEqual(new Map([[id, OLD]]));
    expect((await r.vault.find('acme')).status).toBe('valid');
  });

  it('a write aside that does not read back never reaches the entry’s item', async () => {
    const r = await rig();
    const { id } = await r.vault.find('acme');
    r.failNext('get', `${id}.rotating`, 'garble');
    await expect(swap(r)).rejects.toThrow(/read back/);
    expect(r.log).not.toContain(`set ${id} new`);
    expect(r.items()).toEqual(new Map([[id, OLD]]));
  });

  it('an overwrite that does not read back puts the old secret back', async () => {
    const r = await rig();
    const { id } = await r.vault.find('acme');
    r.failNext('get', id, 'garble');
    await expect(swap(r)).rejects.toThrow(/read back/);
    expect(r.log).toContain(`set ${id} new`);
    expect(r.items()).toEqual(new Map([[id, OLD]]));
  });
});
