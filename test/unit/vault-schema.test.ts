import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, SCHEMA_VERSION, parseVault, versionFor, type VaultDoc } from '../../electron/core/vault/vault-schema';
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

describe('vault.json that would break the writer', () => {
  const withExtra = (extra: string): string => file(1).replace(/^\{/, `{"extra":${extra},`);

  it('refuses nesting past MAX_DEPTH, counting only brackets outside strings', () => {
    // The document's own object is the first level.
    expect(parseVault(withExtra(`${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`)).ok).toBe(true);
    expect(parseVault(withExtra(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`)).ok).toBe(false);
    expect(parseVault(withExtra(`${'['.repeat(5000)}${']'.repeat(5000)}`))).toEqual({ ok: false, problem: `it is nested too deep (over ${String(MAX_DEPTH)} levels)` });
    // Names may hold brackets, quotes and backslashes: a name is never nesting.
    const name = `${'[{'.repeat(200)}\\" [[ \\\\`;
    expect(parseVault(file(1, [entryFixture({ name: JSON.parse(`"${name}"`) as string })])).ok).toBe(true);
    expect(parseVault(withExtra(`"${name}"`)).ok).toBe(true);
  });

  it('refuses two entries or two integrations sharing an id', () => {
    expect(parseVault(file(1, [entryFixture({ id: 'a', name: 'one' }), entryFixture({ id: 'a', name: 'two' })]))).toEqual({ ok: false, problem: 'entries.1.id is the id of entries.0' });
    const integration = { id: 'i1', name: 'my-app', clientId: 'c', redirectPort: 51723, addedAt: '2026-01-01T00:00:00.000Z' };
    const doc = JSON.stringify({ schemaVersion: 1, entries: [], integrations: [integration, { ...integration, name: 'other' }] });
    expect(parseVault(doc)).toEqual({ ok: false, problem: 'integrations.1.id is the id of integrations.0' });
  });
});

describe('vault.json entries: every field is checked', () => {
  const AT = '2026-01-01T00:00:00.000Z';
  const withEntry = (patch: Record<string, unknown>): string => JSON.stringify({ schemaVersion: 1, entries: [{ ...entryFixture(), ...patch }] });
  /** Per field: values a file could hold that an entry may not have there. */
  const malformed: Record<string, unknown[]> = {
    id: [undefined, '', 7, null],
    name: [undefined, '', 7, null],
    kind: [undefined, 'bot', null, 1],
    workspaceId: [undefined, 7, {}],
    workspaceName: [undefined, 7, []],
    identity: [undefined, 'bot', [], { type: 'robot', id: 'b', name: null }, { type: 'bot', id: 7, name: null }, { type: 'bot', id: 'b', name: 7 }, { type: 'bot', name: null }],
    createdAt: [undefined, null, 'yesterday', 7],
    expiresAt: [undefined, 'soon', 7],
    addedAt: [undefined, null, '2026-13-01T00:00:00.000Z'],
    status: [undefined, null, 'fine'],
    lastCheckedAt: [undefined, 'never', 0],
    lastOkAt: [undefined, 'never', true],
    lastError: [undefined, 'boom', { code: 'x', message: 'y' }, { code: 1, message: 'y', at: AT }, { code: 'x', message: null, at: AT }],
    lastDecided: ['valid', { status: 'expired', at: AT }, { status: 'valid' }, { status: 'valid', at: 'then' }],
    pagesShared: [undefined, 'yes', 0],
    warned: [undefined, null, [7, '14'], {}],
    nextCheckAt: ['later', 7],
    failStreak: [-1, '2', null],
    history: [null, {}, [null], [{ at: AT, event: 'deleted', status: 'valid', message: null }], [{ at: AT, event: 'added', status: 'gone', message: null }], [{ at: AT, event: 'added', status: 'valid', message: 7 }], [{ event: 'added', status: 'valid', message: null }]],
    integrationId: ['', 7],
  };

  it.each(Object.keys(malformed))('a malformed %s is refused, and the problem names it', (field) => {
    for (const value of malformed[field] ?? []) {
      const result = parseVault(withEntry({ [field]: value }));
      expect(result, `${field}: ${value === undefined ? 'absent' : JSON.stringify(value)}`).toEqual({ ok: false, problem: `entries.0.${field} is missing or malformed` });
    }
  });

  it('reads an entry with the optional fields absent, and one with keys it does not know (kept as they are)', () => {
    const { lastDecided: _d, nextCheckAt: _n, failStreak: _f, history: _h, ...older } = entryFixture();
    const read = parseVault(JSON.stringify({ schemaVersion: 1, entries: [older] }));
    expect(read.ok && read.doc.entries[0]).toMatchObject({ lastDecided: null, nextCheckAt: null, failStreak: 0, history: [], integrationId: null });
    const newer = parseVault(withEntry({ envNames: ['NOTION_TOKEN'], identity: { type: 'bot', id: 'b', name: null, avatar: 'x' }, history: [{ at: AT, event: 'added', status: 'valid', message: null, by: 'cli' }] }));
    expect(newer.ok && newer.doc.entries[0]).toMatchObject({ envNames: ['NOTION_TOKEN'], identity: { avatar: 'x' }, history: [{ by: 'cli' }] });
  });
});
