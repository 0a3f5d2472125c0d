import { describe, expect, it } from 'vitest';
import { authorizeUrl } from '../../electron/core/oauth/authorize';
import { PairStore } from '../../electron/core/oauth/pair-store';
import { decodeItem, decodePending, encodePair, encodePending, pendingAccount, sharesToken } from '../../electron/core/oauth/token-pair';
import { parseVault } from '../../electron/core/vault/vault-schema';
import { entryFixture } from '../support/entry-fixture';
import { createMemoryStore } from '../support/memory-store';

const A1 = 'ntn_access_one_0123456789abcdef';
const R1 = 'nrt_refresh_one_0123456789abcdef';
const A2 = 'ntn_access_two_0123456789abcdef';
const R2 = 'nrt_refresh_two_0123456789abcdef';

describe('the keychain item of an OAuth entry', () => {
  it('holds access and refresh token as one JSON string', () => {
    expect(encodePair({ access: A1, refresh: R1 })).toBe(`{"v":1,"access":"${A1}","refresh":"${R1}"}`);
    expect(decodeItem(encodePair({ access: A1, refresh: R1 }))).toEqual({ access: A1, refresh: R1 });
  });

  it('a bare token (every other entry, a pasted OAuth token) is its own access token', () => {
    expect(decodeItem(A1)).toEqual({ access: A1, refresh: null });
  });

  it('a damaged pair is null, never a token', () => {
    for (const item of ['{"v":1,"access":"x"', '{"v":2,"access":"a","refresh":"r"}', '{"v":1,"access":"","refresh":"r"}', '{}']) {
      expect(decodeItem(item), item).toBeNull();
    }
  });

  it('two items share a token when either token is the same', () => {
    expect(sharesToken({ access: A1, refresh: null }, { access: A1, refresh: R1 })).toBe(true);
    expect(sharesToken({ access: A2, refresh: R1 }, { access: A1, refresh: R1 })).toBe(true);
    expect(sharesToken({ access: A2, refresh: R2 }, { access: A1, refresh: R1 })).toBe(false);
  });

  it('a pair stored aside names the access token it replaces by fingerprint only', () => {
    const aside = encodePending({ access: A2, refresh: R2 }, A1);
    expect(aside).not.toContain(A1);
    expect(decodePending(aside)?.pair).toEqual({ access: A2, refresh: R2 });
  });
});

describe('PairStore', () => {
  it('replace leaves the new pair in the entry\'s item and nothing aside', async () => {
    const store = createMemoryStore({ secrets: { e1: encodePair({ access: A1, refresh: R1 }) } });
    await new PairStore(store).replace('e1', { access: A2, refresh: R2 }, A1);
    expect(store.dump()).toEqual(new Map([['e1', encodePair({ access: A2, refresh: R2 })]]));
  });

  it('recover promotes a pair a killed refresh left aside, if it follows the current access token', async () => {
    const store = createMemoryStore({ secrets: { e1: encodePair({ access: A1, refresh: R1 }), [pendingAccount('e1')]: encodePending({ access: A2, refresh: R2 }, A1) } });
    expect(await new PairStore(store).recover('e1', { access: A1, refresh: R1 })).toEqual({ access: A2, refresh: R2 });
    expect(store.dump()).toEqual(new Map([['e1', encodePair({ access: A2, refresh: R2 })]]));
  });

  it('recover drops a leftover that follows another token (already promoted, or older than a reconnect)', async () => {
    const store = createMemoryStore({ secrets: { e1: encodePair({ access: A2, refresh: R2 }), [pendingAccount('e1')]: encodePending({ access: A2, refresh: R2 }, A1) } });
    expect(await new PairStore(store).recover('e1', { access: A2, refresh: R2 })).toBeNull();
    expect(store.dump()).toEqual(new Map([['e1', encodePair({ access: A2, refresh: R2 })]]));
  });
});

describe('vault.json with OAuth', () => {
  const doc = (extra: Record<string, unknown>): string => JSON.stringify({ schemaVersion: 1, entries: [entryFixture()], ...extra });

  it('older files (no integrations, no integrationId) stay readable: none, and null', () => {
    const parsed = parseVault(doc({}));
    expect(parsed.ok && parsed.doc.integrations).toBeUndefined();
    expect(parsed.ok && parsed.doc.entries[0]?.integrationId).toBeNull();
  });

  it('integrations are read, and a malformed one names its field', () => {
    const integration = { id: 'i1', name: 'my-app', clientId: 'abc', redirectPort: 51723, addedAt: '2026-01-01T00:00:00.000Z' };
    const ok = parseVault(doc({ integrations: [integration] }));
    expect(ok.ok && ok.doc.integrations).toEqual([integration]);
    expect(parseVault(doc({ integrations: [{ ...integration, redirectPort: 70000 }] }))).toEqual({ ok: false, problem: 'integrations.0.redirectPort is missing or malformed' });
    expect(parseVault(doc({ integrations: {} }))).toEqual({ ok: false, problem: 'integrations is not a list' });
  });
});

describe('the authorize URL', () => {
  it('asks Notion for a code for the loopback redirect URI, with the state', () => {
    const url = new URL(authorizeUrl({ baseUrl: 'https://api.notion.com/', clientId: 'cid', redirectUri: 'http://localhost:51723/callback', state: 's1' }));
    expect(url.origin + url.pathname).toBe('https://api.notion.com/v1/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ owner: 'user', client_id: 'cid', redirect_uri: 'http://localhost:51723/callback', response_type: 'code', state: 's1' });
  });
});
