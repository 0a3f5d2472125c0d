// `run --proxy` when Notion rejects the token mid-run. An OAuth entry is refreshed inside the proxy
// (once, under the entry's lock: two runs refresh once between them) and the child's request is
// sent again, so the child never notices; the new pair is in the keychain. A body too large to
// keep is not sent again, but the next request works. A token rotated meanwhile is picked up.

import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { fakeToken, runCli } from '../support/cli';
import { startCli, type LiveCli } from '../support/live-cli';
import { connectedEntry, keychainItem, refreshCalls, registerIssuedTokens } from '../support/oauth';
import { client, expectProxiedEnv, proxyDirs, proxyVault, type ProxyVault } from '../support/proxy-run';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

function vault(): ProxyVault {
  registerIssuedTokens(notion());
  return proxyVault(notion(), { NOTION_VAULT_BROWSER: 'none' });
}

/** The Node client behind the proxy, stopping after its first round until `gate` exists. */
function sdkChild(v: ProxyVault, label: string, gate: string, ...extra: string[]): { run: LiveCli; dump: string } {
  const dump = join(v.tmp, `env-${label}`);
  return { run: startCli(['run', '--proxy', 'acme', '--', process.execPath, client('notion-sdk.mjs'), dump, gate, ...extra], v.env), dump };
}

const calls = (stdout: string): string[] => stdout.split('\n').filter((line) => /^(users\/me|search) \S+$/.test(line));
const ALL_OK = ['users/me 200', 'search 200', 'users/me 200', 'search 200'];

async function entryId(v: ProxyVault): Promise<string> {
  const listed = JSON.parse((await runCli(['list', '--json'], { env: v.env })).stdout) as { entries: Entry[] };
  return listed.entries[0]?.id ?? '';
}

describe.concurrent('run --proxy: a token Notion rejects mid-run', () => {
  it('OAuth: the next request succeeds after exactly one refresh, and the new pair is in the keychain', async () => {
    const v = vault();
    const { app, pair: old } = await connectedEntry(notion(), v, 'acme');
    const gate = join(v.tmp, 'go');
    const { run, dump } = sdkChild(v, 'one', gate);
    await run.waitFor(/^ready$/m);
    const expiredAt = Date.now();
    notion().expireAccessToken(old.access);
    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(calls(done.stdout)).toEqual(ALL_OK);
    expect(refreshCalls(notion(), app)).toBe(1);

    const now = notion().currentPair(app.clientId);
    expect(now?.access).not.toBe(old.access);
    expect(JSON.parse((await keychainItem(v.service, await entryId(v))) ?? '')).toEqual({ v: 1, access: now?.access, refresh: now?.refresh });
    // Notion turned the old token away once; the retry and the rest went with the new one.
    expect(notion().requests(old.access).filter((r) => r.at >= expiredAt).map((r) => r.path)).toEqual(['/v1/users/me']);
    expect(notion().requests(now?.access).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/search']);
    const secrets = [old.access, old.refresh, now?.access ?? '', now?.refresh ?? ''];
    expectProxiedEnv(readFileSync(dump, 'utf8'), secrets);
    for (const secret of secrets) expect(`${done.stdout}${done.stderr}`.includes(secret)).toBe(false);
    expect(proxyDirs(v)).toEqual([]);
  });

  it('OAuth: two children under two proxies meet the same rejection and refresh once between them', async () => {
    const v = vault();
    const { app, pair: old } = await connectedEntry(notion(), v, 'acme');
    // The refresh takes a while at Notion, so the second proxy meets the 401 while the first refreshes.
    notion().updateOAuthClient(app.clientId, { tokenDelayMs: 300 });
    const gate = join(v.tmp, 'go');
    const children = [sdkChild(v, 'a', gate), sdkChild(v, 'b', gate)];
    await Promise.all(children.map(({ run }) => run.waitFor(/^ready$/m)));
    notion().expireAccessToken(old.access);
    writeFileSync(gate, '');
    for (const { run } of children) {
      const done = await run.done;
      expect(done.code, done.stderr).toBe(0);
      expect(calls(done.stdout)).toEqual(ALL_OK);
    }
    expect(refreshCalls(notion(), app)).toBe(1);
    const now = notion().currentPair(app.clientId);
    expect(JSON.parse((await keychainItem(v.service, await entryId(v))) ?? '')).toEqual({ v: 1, access: now?.access, refresh: now?.refresh });
  });

  it('OAuth: a body too large to keep gets Notion\'s 401; the token is refreshed all the same and the next requests work', async () => {
    const v = vault();
    const { app, pair: old } = await connectedEntry(notion(), v, 'acme');
    const gate = join(v.tmp, 'go');
    const { run } = sdkChild(v, 'big', gate, 'big');
    await run.waitFor(/^ready$/m);
    notion().expireAccessToken(old.access);
    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(calls(done.stdout)).toEqual(['users/me 200', 'search 200', 'search 401', 'users/me 200', 'search 200']);
    expect(refreshCalls(notion(), app)).toBe(1);
  });

  it('OAuth: a refresh Notion refuses (the refresh token was spent elsewhere) is said once; the child gets Notion\'s 401', async () => {
    const v = vault();
    const { app, pair: old } = await connectedEntry(notion(), v, 'acme');
    const gate = join(v.tmp, 'go');
    const { run } = sdkChild(v, 'spent', gate);
    await run.waitFor(/^ready$/m);
    // A copy of the refresh token used behind the vault's back: Notion rotates the pair, the vault's is dead.
    const spent = await fetch(`${notion().url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: old.refresh }),
    });
    expect(spent.status).toBe(200);
    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(calls(done.stdout)).toEqual(['users/me 200', 'search 200', 'users/me 401', 'search 401']);
    // Ours and the copy's: the child's second 401 did not send Notion another refresh.
    expect(refreshCalls(notion(), app)).toBe(2);
    expect(done.stderr.match(/reconnect it: notion-vault connect --integration my-app/g)).toHaveLength(1);
  });

  it('a token rotated while the child runs (notion-vault rotate) is used for its next request', async () => {
    const v = vault();
    const [first, second] = [fakeToken(), fakeToken()];
    for (const token of [first, second]) notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
    expect((await runCli(['add', '--name', 'acme'], { env: v.env, input: `${first}\n` })).code).toBe(0);
    const gate = join(v.tmp, 'go');
    const { run } = sdkChild(v, 'rotate', gate);
    await run.waitFor(/^ready$/m);
    const rotate = await runCli(['rotate', 'acme'], { env: v.env, input: `${second}\n` });
    expect(rotate.code, rotate.stderr).toBe(0);
    notion().revoke(first);
    const since = Date.now();
    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(calls(done.stdout)).toEqual(ALL_OK);
    // The stored token was read again after Notion turned the old one away: no refresh, no restart.
    expect(notion().requests(first).filter((r) => r.at >= since).map((r) => r.path)).toEqual(['/v1/users/me']);
    expect(notion().requests(second).filter((r) => r.at >= since).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/search']);
  });

  it('a token Notion rejects for good reaches the child as Notion\'s own 401, and the run goes on', async () => {
    const v = vault();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
    expect((await runCli(['add', '--name', 'acme'], { env: v.env, input: `${token}\n` })).code).toBe(0);
    const gate = join(v.tmp, 'go');
    const { run } = sdkChild(v, 'revoked', gate);
    await run.waitFor(/^ready$/m);
    notion().revoke(token);
    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(calls(done.stdout)).toEqual(['users/me 200', 'search 200', 'users/me 401', 'search 401']);
  });
});
