// OAuth refresh through the CLI: an access token Notion rejects (401) is refreshed once and the
// check repeated with the new token; the rotated pair replaces the old one in the keychain; two
// processes that meet the same 401 make ONE refresh call; a dead refresh token (invalid_grant)
// makes the entry invalid, with "reconnect" as the fix.

import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { connectApproved, registerIntegration, registerIssuedTokens, type Integration } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
let registered = false;

function vault(): VaultEnv {
  if (!registered) {
    registerIssuedTokens(notion());
    registered = true;
  }
  return makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_BROWSER: 'none' });
}

const cli = (v: VaultEnv, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { env: { ...v.env, ...env } });

async function entry(v: VaultEnv, name: string): Promise<Entry> {
  const r = await cli(v, ['list', '--json']);
  const found = (JSON.parse(r.stdout) as { entries: Entry[] }).entries.find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

/** The keychain item as stored (read with secret-tool, outside notion-vault). */
function keychainItem(service: string, account: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['lookup', 'service', service, 'account', account], (error, stdout) => {
      if (error) reject(new Error(`secret-tool lookup failed: ${error.message}`));
      else resolve(stdout);
    });
  });
}

/** A connected entry `acme` through a fresh integration. */
async function connected(v: VaultEnv): Promise<{ app: Integration; entry: Entry }> {
  const app = await registerIntegration(notion(), v);
  await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
  return { app, entry: await entry(v, 'acme') };
}

/** Spend a refresh token behind the vault's back, as a copy of it used elsewhere would. */
async function spend(app: Integration, refresh: string): Promise<Response> {
  return fetch(`${notion().url}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
    body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refresh }),
  });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const refreshCalls = (app: Integration): number => notion().oauthTokenCalls().filter((c) => c.clientId === app.clientId && c.grantType === 'refresh_token').length;

describe.concurrent('refresh on 401', () => {
  it('check refreshes an expired access token: the new pair is stored, the old refresh token is dead at Notion', async () => {
    const v = vault();
    const { app, entry: before } = await connected(v);
    const old = notion().currentPair(app.clientId);
    if (!old) throw new Error('no pair');
    expect(JSON.parse(await keychainItem(v.service, before.id))).toEqual({ v: 1, access: old.access, refresh: old.refresh });

    notion().expireAccessToken(old.access);
    const check = await cli(v, ['check', 'acme']);
    expect(check.code, check.stderr).toBe(0);
    expect(refreshCalls(app)).toBe(1);
    const now = notion().currentPair(app.clientId);
    expect(now?.access).not.toBe(old.access);
    expect(JSON.parse(await keychainItem(v.service, before.id))).toEqual({ v: 1, access: now?.access, refresh: now?.refresh });
    expect((await entry(v, 'acme')).status).toBe('valid');
    const get = await runCli(['get', 'acme'], { env: v.env, printsSecret: true });
    expect(get.stdout).toBe(now?.access);

    // The old refresh token was spent by the refresh: Notion answers invalid_grant.
    expect(notion().refreshTokenState(old.refresh)).toBe('used');
    const reuse = await spend(app, old.refresh);
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { code: string }).code).toBe('invalid_grant');
    // Nothing else was left aside in the keychain.
    await expect(keychainItem(v.service, `${before.id}.refreshing`)).rejects.toThrow();
  });

  it('two CLI processes checking the same expired entry at once make exactly one refresh call', async () => {
    const v = vault();
    const { app } = await connected(v);
    // Started together: whichever meets the 401 first refreshes; the other uses its token.
    notion().updateOAuthClient(app.clientId, { tokenDelayMs: 300 });
    for (let round = 1; round <= 2; round++) {
      notion().expireAccessToken(notion().currentPair(app.clientId)?.access ?? '');
      const [a, b] = await Promise.all([cli(v, ['check', 'acme']), cli(v, ['check', 'acme'])]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(refreshCalls(app), `round ${String(round)}`).toBe(round);
    }

    // The second one started while the first one's refresh is at Notion: it reads the old pair,
    // meets the 401 too, waits for the lock, finds the new pair and does not refresh again.
    notion().updateOAuthClient(app.clientId, { tokenDelayMs: 2_000 });
    const old = notion().currentPair(app.clientId)?.access ?? '';
    const usersMe = (): number => notion().requests(old).filter((r) => r.path === '/v1/users/me').length;
    const before = usersMe();
    notion().expireAccessToken(old);
    const first = cli(v, ['check', 'acme']);
    await until(() => refreshCalls(app) === 3);
    const second = await cli(v, ['check', 'acme']);
    expect(second.code, second.stderr).toBe(0);
    expect((await first).code).toBe(0);
    expect(usersMe() - before, 'both processes were turned away with the old access token').toBe(2);
    expect(refreshCalls(app)).toBe(3);

    expect((await entry(v, 'acme')).status).toBe('valid');
    const get = await runCli(['get', 'acme'], { env: v.env, printsSecret: true });
    expect(get.stdout).toBe(notion().currentPair(app.clientId)?.access);
  });

  it('a spent refresh token (invalid_grant) makes the entry invalid with "reconnect"; connect brings it back', async () => {
    const v = vault();
    const { app } = await connected(v);
    const pair = notion().currentPair(app.clientId);
    if (!pair) throw new Error('no pair');
    expect((await spend(app, pair.refresh)).status).toBe(200); // the stored pair is now dead at Notion
    const check = await cli(v, ['check', 'acme', '--json']);
    expect(check.code).toBe(1);
    const invalid = await entry(v, 'acme');
    expect(invalid.status).toBe('invalid');
    expect(invalid.lastError?.code).toBe('invalid_grant');
    expect(invalid.lastError?.message).toContain('reconnect it: notion-vault connect --integration my-app');
    const status = await cli(v, ['status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('reconnect');

    await connectApproved(v, ['--integration', app.name]);
    const back = await entry(v, 'acme');
    expect(back.status).toBe('valid');
    expect(back.id).toBe(invalid.id);
    expect((await cli(v, ['check', 'acme'])).code).toBe(0);
  });

  it('the token endpoint failing (503) leaves the entry unknown, not invalid; the next check refreshes', async () => {
    const v = vault();
    const { app } = await connected(v);
    notion().expireAccessToken(notion().currentPair(app.clientId)?.access ?? '');
    notion().updateOAuthClient(app.clientId, { tokenStatus: 503 });
    const failed = await cli(v, ['check', 'acme']);
    expect(failed.code).toBe(4);
    expect((await entry(v, 'acme')).status).toBe('unknown');
    notion().updateOAuthClient(app.clientId, { tokenStatus: undefined });
    const ok = await cli(v, ['check', 'acme']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await entry(v, 'acme')).status).toBe('valid');
  });

  it('revoked in Notion (the refresh is refused too): invalid with "reconnect"', async () => {
    const v = vault();
    const { app, entry: e } = await connected(v);
    const item = JSON.parse(await keychainItem(v.service, e.id)) as { access: string };
    const revoke = await fetch(`${notion().url}/v1/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
      body: JSON.stringify({ token: item.access }),
    });
    expect(revoke.status).toBe(200);
    const check = await cli(v, ['check', 'acme']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('reconnect');
  });

  it('watch --once refreshes a due OAuth entry as check does', async () => {
    const v = vault();
    const { app } = await connected(v);
    notion().expireAccessToken(notion().currentPair(app.clientId)?.access ?? '');
    const later = new Date(Date.now() + 7 * 3_600_000).toISOString();
    const watch = await cli(v, ['watch', '--once'], { NOTION_VAULT_NOW: later, PATH: '/nonexistent' });
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stdout).toContain('check acme: valid');
    expect(refreshCalls(app)).toBe(1);
  });

  it('a pasted OAuth token (no integration) that Notion rejects is invalid, and no refresh is tried', async () => {
    const v = vault();
    const token = fakeToken();
    notion().setToken(token, { identity: 'oauth' });
    const add = await runCli(['add', '--kind', 'oauth', '--name', 'pasted'], { env: v.env, input: `${token}\n` });
    expect(add.code, add.stderr).toBe(0);
    notion().revoke(token);
    const check = await cli(v, ['check', 'pasted']);
    expect(check.code).toBe(1);
    const e = await entry(v, 'pasted');
    expect(e.integrationId).toBeNull();
    expect(e.status).toBe('invalid');
    expect(e.lastError?.message).toContain('create a new one and rotate it in'); // the plain 401 verdict: no refresh was tried
    expect(notion().requests(token).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/search', '/v1/users/me']);
  });
});
