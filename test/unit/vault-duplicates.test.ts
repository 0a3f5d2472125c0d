// Vault.add and Vault.rotate refuse a secret that is already stored, naming the entry, without reading
// every stored secret from the keychain: the keychain calls are counted on an in-memory store.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { encodePair } from '../../electron/core/oauth/token-pair';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { Vault, type NewEntry } from '../../electron/core/vault/vault';
import { openVaultFile, type VaultFile } from '../../electron/core/vault/vault-file';
import { entryFixture } from '../support/entry-fixture';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';

const token = (): string => `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;
const AT = '2026-01-01T00:00:00.000Z';

interface Rig {
  vault: Vault;
  file: VaultFile;
  store: MemoryStore;
}

function rig(): Rig {
  const store = createMemoryStore();
  const file = openVaultFile({ dir: mkdtempSync(join(tmpdir(), 'vault-duplicates-')) });
  return { vault: new Vault(file, store), file, store };
}

const draft = (patch: Partial<Entry> = {}): NewEntry => {
  const { id: _id, name: _name, addedAt: _addedAt, ...fields } = entryFixture({ history: [{ at: AT, event: 'added', status: 'valid', message: null }], ...patch });
  return { ...fields, name: null };
};

/** Entries as an older build wrote them: secrets in the keychain, no fingerprints in vault.json. */
async function olderBuildEntries({ file, store }: Rig, count: number): Promise<{ name: string; secret: string }[]> {
  const made = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), name: `old-${String(i)}`, secret: token() }));
  for (const m of made) await store.set(m.id, m.secret);
  await file.update((doc) => {
    doc.entries.push(...made.map((m) => entryFixture({ id: m.id, name: m.name, history: [{ at: AT, event: 'added', status: 'valid', message: null }] })));
  });
  return made;
}

/** Keychain reads made by `work`. */
async function readsDuring(store: MemoryStore, work: () => Promise<unknown>): Promise<number> {
  const before = store.calls.get;
  await work();
  return store.calls.get - before;
}

const onDisk = (file: VaultFile): Record<string, unknown> => JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, unknown>;

describe('duplicate secrets are found without reading every stored secret', () => {
  it('add makes the same few keychain reads at 10 entries as at 300', async () => {
    const reads: number[] = [];
    for (const count of [10, 300]) {
      const r = rig();
      await olderBuildEntries(r, count);
      await r.vault.add(draft(), token()); // the first add of this build reads the older entries once and fingerprints them
      reads.push(await readsDuring(r.store, () => r.vault.add(draft(), token())));
    }
    expect(reads[1], `keychain reads for one add: ${reads.join(' at 10 entries, ')} at 300`).toBe(reads[0]);
    expect(reads[1]).toBeLessThanOrEqual(3);
  });

  it('still refuses the same secret, naming the entry, by its fingerprint alone', async () => {
    const r = rig();
    const secret = token();
    const first = await r.vault.add({ ...draft(), name: 'acme' }, secret);
    await r.vault.add(draft(), token());
    const reads = await readsDuring(r.store, async () => {
      await expect(r.vault.add(draft(), secret)).rejects.toThrow('This token is already stored as "acme".');
    });
    expect(reads).toBeLessThanOrEqual(2);
    expect((await r.vault.entries()).map((e) => e.id)).toContain(first.id);
    expect(await r.vault.holder(secret)).toMatchObject({ name: 'acme' });
  });

  it('refuses a secret held by an entry an older build wrote (no fingerprint), and fingerprints it for next time', async () => {
    const r = rig();
    const [old] = await olderBuildEntries(r, 3);
    if (old === undefined) throw new Error('no entry');
    await expect(r.vault.add(draft(), old.secret)).rejects.toThrow(`This token is already stored as "${old.name}".`);
    await r.vault.add(draft(), token());
    expect(Object.keys(onDisk(r.file).fingerprints as object)).toHaveLength(4);
    const reads = await readsDuring(r.store, async () => {
      await expect(r.vault.add(draft(), old.secret)).rejects.toThrow(`"${old.name}"`);
    });
    expect(reads, 'the older entries are known by fingerprint now').toBeLessThanOrEqual(2);
  });

  it('keeps vault.json free of the secret and the key', async () => {
    const r = rig();
    const secret = token();
    await r.vault.add(draft(), secret);
    const text = readFileSync(r.file.path, 'utf8');
    const keyItem = r.store.dump().get(FINGERPRINT_KEY_ACCOUNT) ?? '';
    expect(keyItem).not.toBe('');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(4, 20));
    expect(text).not.toContain(keyItem);
    expect(text).not.toContain(Buffer.from(keyItem, 'base64').toString('hex'));
  });

  it('follows a rotation: the old secret is free again, the new one is refused', async () => {
    const r = rig();
    const [before, after] = [token(), token()];
    await r.vault.add({ ...draft(), name: 'acme' }, before);
    await r.vault.rotate('acme', after, (e) => ({ ...e, history: [...e.history, { at: '2026-02-01T00:00:00.000Z', event: 'rotated', status: 'unchecked', message: null }] }));
    await expect(r.vault.add(draft(), after)).rejects.toThrow('already stored as "acme"');
    await expect(r.vault.rotate('acme', after, (e) => e)).rejects.toThrow('That is the token "acme" already holds');
    await expect(r.vault.add({ ...draft(), name: 'again' }, before)).resolves.toMatchObject({ name: 'again' });
  });

  it('does not trust a fingerprint an older build left behind when it rotated the entry', async () => {
    const r = rig();
    const [before, after] = [token(), token()];
    const entry = await r.vault.add({ ...draft(), name: 'acme' }, before);
    // An older build rotates: new secret in the keychain, a `rotated` item in the history, the fingerprint untouched.
    await r.store.set(entry.id, after);
    await r.file.update((doc) => {
      for (const e of doc.entries) if (e.id === entry.id) e.history.push({ at: '2026-03-01T00:00:00.000Z', event: 'rotated', status: 'unchecked', message: null });
    });
    await expect(r.vault.add(draft(), after)).rejects.toThrow('already stored as "acme"');
    await expect(r.vault.add({ ...draft(), name: 'freed' }, before)).resolves.toMatchObject({ name: 'freed' });
  });

  it('falls back to reading the secrets when the key is gone, and makes a new one', async () => {
    const r = rig();
    const secret = token();
    await r.vault.add({ ...draft(), name: 'acme' }, secret);
    const lostKey = r.store.dump().get(FINGERPRINT_KEY_ACCOUNT);
    await r.store.delete(FINGERPRINT_KEY_ACCOUNT);
    await expect(r.vault.add(draft(), secret)).rejects.toThrow('already stored as "acme"');
    await r.vault.add(draft(), token());
    expect(r.store.dump().get(FINGERPRINT_KEY_ACCOUNT)).not.toBe(lostKey);
    await expect(r.vault.add(draft(), secret)).rejects.toThrow('already stored as "acme"');
  });

  it('reads an OAuth connection’s item each time: a refresh replaces its tokens without touching vault.json', async () => {
    const r = rig();
    const [access, refresh, access2, refresh2] = [token(), `nrt_${'r'.repeat(40)}`, token(), `nrt_${'s'.repeat(40)}`];
    const entry = await r.vault.add({ ...draft({ kind: 'oauth', integrationId: 'i1' }), name: 'conn' }, encodePair({ access, refresh }));
    await r.vault.pairs.replace(entry.id, { access: access2, refresh: refresh2 }, access);
    await expect(r.vault.add(draft(), access2)).rejects.toThrow('already stored as "conn"');
    await expect(r.vault.add(draft(), refresh2)).rejects.toThrow('already stored as "conn"');
    await expect(r.vault.add({ ...draft(), name: 'pasted' }, access)).resolves.toMatchObject({ name: 'pasted' });
  });

  it('ignores a malformed fingerprint map (and a hostile `__proto__` id) instead of failing', async () => {
    const r = rig();
    const secret = token();
    await r.vault.add({ ...draft(), name: 'acme' }, secret);
    await r.file.update((doc) => {
      doc.fingerprints = JSON.parse('{"__proto__": {"hmac": "x:y", "stamp": null}, "other": 5}') as unknown;
    });
    await expect(r.vault.add(draft(), secret)).rejects.toThrow('already stored as "acme"');
    await r.vault.add(draft(), token());
    expect(Object.keys(onDisk(r.file).fingerprints as object)).toHaveLength(2);
  });
});
