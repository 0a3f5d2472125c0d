import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, parseVault, versionFor, type VaultDoc } from '../../electron/core/vault/vault-schema';
import { entryFixture } from '../support/entry-fixture';

const file = (schemaVersion: unknown, entries: unknown[] = [entryFixture()]): string => JSON.stringify({ schemaVersion, entries });

describe('vault.json versions', () => {
  it('reads version 1 (no OAuth connections) and version 2, and refuses a newer one as newer', () => {
    expect(parseVault(file(1)).ok).toBe(true);
    expect(parseVault(file(2, [entryFixture({ kind: 'oauth', integrationId: 'i1' })])).ok).toBe(true);
    expect(parseVault(file(SCHEMA_VERSION + 1))).toEqual({ ok: false, newer: SCHEMA_VERSION + 1 });
    expect(parseVault(file('1'))).toMatchObject({ ok: false, problem: expect.stringContaining('schemaVersion') as unknown });
    expect(parseVault(file(0))).toMatchObject({ ok: false });
  });

  it('is written as 2 only while it holds an OAuth connection, whose keychain item an older build would hand out whole', () => {
    const doc = (entries: VaultDoc['entries'], integrations: VaultDoc['integrations'] = []): VaultDoc => ({ schemaVersion: 1, entries, integrations });
    expect(versionFor(doc([entryFixture()]))).toBe(1);
    expect(versionFor(doc([entryFixture({ kind: 'oauth', integrationId: null })]))).toBe(1);
    expect(versionFor(doc([], [{ id: 'i1', name: 'my-app', clientId: 'c', redirectPort: 51723, addedAt: '2026-01-01T00:00:00.000Z' }]))).toBe(1);
    expect(versionFor(doc([entryFixture({ kind: 'oauth', integrationId: 'i1' })]))).toBe(2);
  });
});
