// A refresh's new pair must survive a keychain that does not keep the write of the entry's item:
// Notion has already retired the old pair, so the pair stored aside is then the only working one.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../electron/core/keychain/secret-store';
import { PairStore } from '../../electron/core/oauth/pair-store';
import { encodePair, encodePending, pendingAccount } from '../../electron/core/oauth/token-pair';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { Vault } from '../../electron/core/vault/vault';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { entryFixture } from '../support/entry-fixture';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';

const A1 = 'ntn_access_one_0123456789abcdef';
const R1 = 'nrt_refresh_one_0123456789abcdef';
const A2 = 'ntn_access_two_0123456789abcdef';
const R2 = 'nrt_refresh_two_0123456789abcdef';
const ONE = encodePair({ access: A1, refresh: R1 });
const TWO = encodePair({ access: A2, refresh: R2 });

/** The memory store, except that writes to `account` misbehave as `how` says (the first `times` of them). */
function flaky(store: MemoryStore, account: string, how: 'dropped' | 'read-back-empty', times = 1): SecretStore {
  let left = times;
  let emptyRead = false;
  return {
    ...store,
    get: (a) => {
      if (a === account && emptyRead) {
        emptyRead = false;
        return Promise.resolve(null);
      }
      return store.get(a);
    },
    set: (a, secret) => {
      if (a !== account || left === 0) return store.set(a, secret);
      left -= 1;
      if (how === 'dropped') return Promise.resolve(); // said yes, kept nothing
      emptyRead = true;
      return store.set(a, secret);
    },
  };
}

describe('PairStore.replace when the write of the entry\'s item does not read back', () => {
  it('a dropped write: the item is not deleted (it keeps the old pair), the new pair stays aside, and recover promotes it', async () => {
    const memory = createMemoryStore({ secrets: { e1: ONE } });
    const pairs = new PairStore(flaky(memory, 'e1', 'dropped'));
    await expect(pairs.replace('e1', { access: A2, refresh: R2 }, A1)).rejects.toThrow('The keychain did not keep the token');
    expect(memory.dump().get('e1'), 'the item is still there').toBe(ONE);
    expect(memory.dump().get(pendingAccount('e1'))).toBe(encodePending({ access: A2, refresh: R2 }, A1));

    // The next refresh of the entry (Notion rejects A1) finds the pair aside instead of calling Notion.
    expect(await pairs.recover('e1', { access: A1, refresh: R1 })).toEqual({ access: A2, refresh: R2 });
    expect(memory.dump()).toEqual(new Map([['e1', TWO]]));
  });

  it('a write that reads back empty: the item is not deleted, and the entry goes on with the new pair', async () => {
    const memory = createMemoryStore({ secrets: { e1: ONE } });
    const pairs = new PairStore(flaky(memory, 'e1', 'read-back-empty'));
    await expect(pairs.replace('e1', { access: A2, refresh: R2 }, A1)).rejects.toThrow('The keychain did not keep the token');
    expect(memory.dump().get('e1')).toBe(TWO);
    expect(memory.dump().has(pendingAccount('e1'))).toBe(true);
  });
});

describe('Vault.token with the entry\'s item missing', () => {
  async function vaultWithEntry(store: SecretStore): Promise<{ vault: Vault; id: string }> {
    const vault = new Vault(openVaultFile({ dir: mkdtempSync(join(tmpdir(), 'oauth-pair-store-')) }), store);
    const { id: _id, name: _name, addedAt: _addedAt, ...fields } = entryFixture({ kind: 'oauth', integrationId: 'i1' });
    const entry = await vault.add({ ...fields, name: 'acme' }, ONE);
    return { vault, id: entry.id };
  }

  it('uses the pair a refresh stored aside, and the next refresh puts it back as the item', async () => {
    const memory = createMemoryStore();
    const { vault, id } = await vaultWithEntry(memory);
    await memory.delete(id);
    await memory.set(pendingAccount(id), encodePending({ access: A2, refresh: R2 }, A1));
    const entry = await vault.findById(id);

    expect(await vault.token(entry)).toEqual({ access: A2, refresh: R2 });
    expect(await vault.secret(entry)).toBe(A2);
    expect(memory.dump().has(id), 'reading does not write').toBe(false);

    // A refresh (Notion rejected A2) first makes the aside pair the item again, then goes on as usual.
    expect(await vault.pairs.recover(id, { access: A2, refresh: R2 })).toBeNull();
    expect(new Map([...memory.dump()].filter(([account]) => account !== FINGERPRINT_KEY_ACCOUNT)), 'the entry’s item (beside the vault’s fingerprint key)').toEqual(new Map([[id, TWO]]));
  });

  it('with nothing aside either, says the keychain has no secret', async () => {
    const memory = createMemoryStore();
    const { vault, id } = await vaultWithEntry(memory);
    await memory.delete(id);
    await expect(vault.token(await vault.findById(id))).rejects.toThrow('The keychain has no secret for "acme"');
  });
});
