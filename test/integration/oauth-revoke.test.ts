// remove --revoke must not leave the grant alive: an access token Notion refuses (expired) is
// followed by the refresh token, only "that token is dead" counts as already revoked, and any
// other answer (5xx, another 400) removes nothing. The emulator revokes exactly the token it is given.

import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { connectApproved, registerIntegration, registerIssuedTokens, type Integration } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
let registered = false;

async function connected(): Promise<{ v: VaultEnv; app: Integration; pair: { access: string; refresh: string } }> {
  if (!registered) {
    registerIssuedTokens(notion());
    registered = true;
  }
  const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_BROWSER: 'none' });
  const app = await registerIntegration(notion(), v);
  await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
  const pair = notion().currentPair(app.clientId);
  if (pair === null) throw new Error('no pair issued');
  return { v, app, pair };
}

const revokeRemove = (v: VaultEnv): Promise<CliResult> => runCli(['remove', 'acme', '--revoke'], { env: v.env });

async function names(v: VaultEnv): Promise<string[]> {
  return (JSON.parse((await runCli(['list', '--json'], { env: v.env })).stdout) as { entries: Entry[] }).entries.map((e) => e.name);
}

/** POST /v1/oauth/revoke as the integration. */
function revokeAt(app: Integration, token: string): Promise<Response> {
  return fetch(`${notion().url}/v1/oauth/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
    body: JSON.stringify({ token }),
  });
}

describe.concurrent('remove --revoke', () => {
  it('the emulator revokes exactly the token it is given: a dead access token is refused and its grant lives on', async () => {
    const { app, pair } = await connected();
    notion().expireAccessToken(pair.access);
    const dead = await revokeAt(app, pair.access);
    expect(dead.status).toBe(400);
    expect(((await dead.json()) as { code: string }).code).toBe('invalid_token');
    expect(notion().refreshTokenState(pair.refresh)).toBe('live');
    expect((await revokeAt(app, pair.refresh)).status).toBe(200);
    expect(notion().refreshTokenState(pair.refresh)).toBe('revoked');
    expect((await revokeAt(app, pair.refresh)).status, 'a revoked refresh token is refused').toBe(400);
  });

  it('an expired access token: the grant is revoked with the refresh token, then the entry is forgotten', async () => {
    const { v, pair } = await connected();
    notion().expireAccessToken(pair.access);
    const r = await revokeRemove(v);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Notion revoked its access');
    expect(notion().refreshTokenState(pair.refresh), 'the grant is dead').toBe('revoked');
    expect(await names(v)).toEqual([]);
  });

  it('a grant already revoked in Notion: both tokens are refused as dead, so it is removed and said so', async () => {
    const { v, app, pair } = await connected();
    expect((await revokeAt(app, pair.access)).status).toBe(200);
    const r = await revokeAndExpectOk(v);
    expect(r.stdout).toContain('Notion already considered its token dead');
    expect(await names(v)).toEqual([]);
  });

  it('Notion failing (503) or refusing for another reason (400 invalid_request): nothing is removed, one line', async () => {
    const { v, app, pair } = await connected();
    notion().updateOAuthClient(app.clientId, { revokeStatus: 503 });
    const failing = await revokeRemove(v);
    expect(failing.code).toBe(4);
    expect(failing.stderr.trim()).toBe('notion-vault: Not removed: Notion answered 503, so acme was not revoked. Try again, or remove it without --revoke and revoke it in Notion (Settings → Connections).');

    notion().updateOAuthClient(app.clientId, { revokeStatus: 400 });
    const refused = await revokeRemove(v);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('notion-vault: Not removed: Notion refused to revoke it (400 invalid_request), so acme was not revoked. Try again, or remove it without --revoke and revoke it in Notion (Settings → Connections).');
    expect(await names(v)).toEqual(['acme']);
    expect(notion().refreshTokenState(pair.refresh)).toBe('live');

    notion().updateOAuthClient(app.clientId, { revokeStatus: undefined });
    await revokeAndExpectOk(v);
    expect(notion().refreshTokenState(pair.refresh)).toBe('revoked');
  });
});

async function revokeAndExpectOk(v: VaultEnv): Promise<CliResult> {
  const r = await revokeRemove(v);
  expect(r.code, r.stderr).toBe(0);
  return r;
}
