import { describe, expect, it } from 'vitest';
import { openTokenSource } from '../../electron/core/proxy/token-source';

/** A stored token that changes when a refresh stores a new one, as the keychain item does. */
function stored(first: string): { token: () => Promise<string>; refresh: (rejected: string) => Promise<string | null>; refreshes: string[] } {
  let item = first;
  const refreshes: string[] = [];
  return {
    token: () => Promise.resolve(item),
    refresh: async (rejected) => {
      refreshes.push(rejected);
      await new Promise((resolve) => setTimeout(resolve, 20));
      item = `${rejected}+1`;
      return item;
    },
    refreshes,
  };
}

describe('the proxy\'s token source', () => {
  it('many requests rejected with the same token share one refresh, and all retry with the new token', async () => {
    const s = stored('a');
    const tokens = await openTokenSource(s);
    const renewed = await Promise.all(Array.from({ length: 20 }, () => tokens.renew('a')));
    expect(new Set(renewed)).toEqual(new Set(['a+1']));
    expect(s.refreshes).toEqual(['a']);
    expect(tokens.current()).toBe('a+1');
    // A straggler rejected with the old token gets the new one without another refresh.
    expect(await tokens.renew('a')).toBe('a+1');
    expect(s.refreshes).toEqual(['a']);
  });

  it('a token stored meanwhile (rotated, refreshed by another process) is used without refreshing', async () => {
    let item = 'old';
    const refreshes: string[] = [];
    const tokens = await openTokenSource({ token: () => Promise.resolve(item), refresh: (r) => { refreshes.push(r); return Promise.resolve(null); } });
    item = 'rotated';
    expect(await tokens.renew('old')).toBe('rotated');
    expect(refreshes).toEqual([]);
  });

  it('starts with a token the caller has just read, and reads the store again only to renew', async () => {
    let reads = 0;
    const tokens = await openTokenSource({ token: () => { reads += 1; return Promise.resolve('rotated'); }, initial: 'first' });
    expect(tokens.current()).toBe('first');
    expect(reads).toBe(0);
    expect(await tokens.renew('first')).toBe('rotated');
    expect(reads).toBe(1);
  });

  it('without a refresh (not OAuth) a rejected token stays rejected; a failed refresh is not repeated at once', async () => {
    expect(await (await openTokenSource({ token: () => Promise.resolve('pat') })).renew('pat')).toBeNull();
    let calls = 0;
    const tokens = await openTokenSource({ token: () => Promise.resolve('dead'), refresh: () => { calls += 1; return Promise.resolve(null); } });
    expect(await tokens.renew('dead')).toBeNull();
    expect(await tokens.renew('dead')).toBeNull();
    expect(calls).toBe(1);
  });
});
