// OAuth connect through the CLI, end to end: a public integration registered (client secret on
// stdin, into the keychain), `notion-vault connect` listening on loopback, the test acting as the
// browser on the emulator's authorize page, the code exchanged, the pair stored as one keychain item.

import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { actAsBrowser, connectApproved, registerIntegration, registerIssuedTokens, startConnect } from '../support/oauth';
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

const cli = (v: VaultEnv, args: readonly string[], input?: string): Promise<CliResult> => runCli(args, { env: v.env, input });

async function entries(v: VaultEnv): Promise<Entry[]> {
  const r = await cli(v, ['list', '--json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { entries: Entry[] }).entries;
}

/** Every account holding something under the vault's keychain service. */
function keychainAccounts(service: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['search', '--all', 'service', service], (error, stdout, stderr) => {
      if (error && error.code !== 1) {
        reject(new Error(`secret-tool failed: ${error.message}`));
        return;
      }
      resolve(`${stdout}\n${stderr}`.split('\n').map((l) => /^attribute\.account = (.+)$/.exec(l.trim())?.[1]).filter((a): a is string => a !== undefined && a !== FINGERPRINT_KEY_ACCOUNT)); // the vault's own key, not a token's item
    });
  });
}

const vaultJson = (v: VaultEnv): string => readFileSync(join(v.home, 'vault.json'), 'utf8');

/** Nothing but the integration's client secret in the keychain, and no entry. */
async function expectNothingStored(v: VaultEnv): Promise<void> {
  expect(await entries(v)).toEqual([]);
  const accounts = (await keychainAccounts(v.service)).filter((a) => !a.startsWith('__notion-vault-probe__'));
  expect(accounts.every((a) => a.startsWith('integration:')), accounts.join(', ')).toBe(true);
}

describe.concurrent('integrations', () => {
  it('add reads the client secret from stdin, keeps it out of vault.json and output; list and remove', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v, { name: 'my-app', port: 51999 });
    expect(vaultJson(v)).not.toContain(app.clientSecret);
    const listed = await cli(v, ['integrations', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('my-app');
    expect(listed.stdout).toContain('http://localhost:51999/callback');
    const json = JSON.parse((await cli(v, ['integrations', 'list', '--json'])).stdout) as { integrations: { name: string; clientId: string; redirectPort: number; redirectUri: string }[] };
    expect(json.integrations).toEqual([expect.objectContaining({ name: 'my-app', clientId: app.clientId, redirectPort: 51999, redirectUri: 'http://localhost:51999/callback' })]);
    expect(JSON.stringify(json)).not.toContain(app.clientSecret);
    expect(await keychainAccounts(v.service)).toEqual([expect.stringMatching(/^integration:/)]);

    const removed = await cli(v, ['integrations', 'remove', 'my-app']);
    expect(removed.code).toBe(0);
    expect((await cli(v, ['integrations', 'list'])).stdout).toContain('No integrations registered');
    expect(await keychainAccounts(v.service)).toEqual([]);
  });

  it('the default redirect port is 51723; the redirect URI to paste into Notion is printed', async () => {
    const v = vault();
    const r = await cli(v, ['integrations', 'add', 'dflt', '--client-id', 'abc-123'], `${fakeToken('secret_')}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('http://localhost:51723/callback');
  });

  it('refuses a secret in argv, a missing secret, a duplicate name and a bad port (exit 2)', async () => {
    const v = vault();
    const argv = await cli(v, ['integrations', 'add', 'x', '--client-id', 'abc', '--client-secret', 'not-a-real-secret'], '');
    expect(argv.code).toBe(2);
    const empty = await cli(v, ['integrations', 'add', 'x', '--client-id', 'abc'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('client secret');
    const port = await cli(v, ['integrations', 'add', 'x', '--client-id', 'abc', '--port', '80'], `${fakeToken('secret_')}\n`);
    expect(port.code).toBe(2);
    await registerIntegration(notion(), v, { name: 'dup' });
    const dup = await cli(v, ['integrations', 'add', 'dup', '--client-id', 'abc'], `${fakeToken('secret_')}\n`);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/already registered/);
    for (const r of [argv, empty, port, dup]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an integration with connections cannot be removed until they are', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v, { name: 'busy-app' });
    await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
    const refused = await cli(v, ['integrations', 'remove', 'busy-app']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('acme');
    expect((await cli(v, ['remove', 'acme'])).code).toBe(0);
    expect((await cli(v, ['integrations', 'remove', 'busy-app'])).code).toBe(0);
  });
});

describe.concurrent('connect', () => {
  it('approve: the entry is an OAuth token with workspace and identity; get prints the access token', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v, { workspaceName: 'Beta Labs' });
    const run = startConnect(v, ['--integration', app.name, '--no-browser']);
    const url = new URL(await run.url);
    expect(url.pathname).toBe('/v1/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      owner: 'user', client_id: app.clientId, redirect_uri: `http://localhost:${String(app.port)}/callback`, response_type: 'code', state: expect.stringMatching(/^[\w-]{32}$/) as unknown,
    });
    const visit = await actAsBrowser(url.href, 'approve');
    expect(visit.status).toBe(200);
    expect(visit.text).toContain('You can close this tab');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Connected beta-labs-oauth (OAuth token for Beta Labs), valid');

    const [entry] = await entries(v);
    const pair = notion().currentPair(app.clientId);
    expect(entry).toMatchObject({ name: 'beta-labs-oauth', kind: 'oauth', workspaceName: 'Beta Labs', status: 'valid', pagesShared: true, identity: { type: 'bot' } });
    expect(entry?.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry?.integrationId).toMatch(/^[0-9a-f-]{36}$/);
    const get = await runCli(['get', 'beta-labs-oauth'], { env: v.env, printsSecret: true });
    expect(get.code).toBe(0);
    expect(get.stdout).toBe(pair?.access);
    const exported = await runCli(['export', 'beta-labs-oauth', '--format', 'json'], { env: v.env, printsSecret: true });
    expect(JSON.parse(exported.stdout)).toEqual({ NOTION_TOKEN: pair?.access, NOTION_API_KEY: pair?.access });
    // Neither token in vault.json; the refresh token never leaves the keychain.
    expect(vaultJson(v)).not.toContain(pair?.access);
    expect(vaultJson(v)).not.toContain(pair?.refresh);
  });

  it('connecting the same workspace again reconnects the entry in place (no second entry)', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
    const [before] = await entries(v);
    const again = await connectApproved(v, ['--integration', app.name]);
    expect(again.stdout).toContain('Reconnected acme');
    const after = await entries(v);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    const get = await runCli(['get', 'acme'], { env: v.env, printsSecret: true });
    expect(get.stdout).toBe(notion().currentPair(app.clientId)?.access);
  });

  it('NOTION_VAULT_BROWSER names the command that opens the page (here a script that approves)', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const script = join(v.home, '..', `browser-${app.clientId}.mjs`);
    // It is handed a private file:// page that forwards to Notion's (oauth-private-launch.test.ts); it follows the page's link.
    writeFileSync(script, `#!${process.execPath}
import { readFileSync } from 'node:fs';
const html = readFileSync(new URL(process.argv[2]), 'utf8');
const page = new URL(/<a href="([^"]+)"/.exec(html)[1].replaceAll('&amp;', '&')); page.searchParams.set('decision', 'approve');
const answer = await fetch(page, { redirect: 'manual' });
await fetch(answer.headers.get('location'));
`);
    chmodSync(script, 0o755);
    const run = startConnect(v, ['--integration', app.name, '--name', 'scripted'], { NOTION_VAULT_BROWSER: script });
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain('Opened Notion\'s authorization page in your browser');
    expect((await entries(v)).map((e) => e.name)).toEqual(['scripted']);
  });

  it('denial: exit 1, one line with the fix, nothing stored', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const run = startConnect(v, ['--integration', app.name, '--no-browser']);
    const visit = await actAsBrowser(await run.url, 'deny');
    expect(visit.location).toContain('error=access_denied');
    expect(visit.text).toContain('Access was not granted');
    const done = await run.done;
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(/notion-vault: Access was denied in Notion: nothing was stored; connect again/);
    await expectNothingStored(v);
  });

  it('a callback with another or no state is answered 400 and ignored; the real approval then completes the same attempt', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const run = startConnect(v, ['--integration', app.name, '--no-browser']);
    const url = await run.url;
    const forged = await actAsBrowser(url, 'approve', (location) => {
      location.searchParams.set('state', 'forged-state');
      return location;
    });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This callback is not from the current connect attempt');
    expect(forged.text).not.toContain('forged-state');
    const stateless = await fetch(`http://localhost:${String(app.port)}/callback?code=x`);
    expect(stateless.status).toBe(400);
    expect(await stateless.text()).toContain('This callback is not from the current connect attempt');
    expect(notion().oauthTokenCalls().filter((c) => c.clientId === app.clientId), 'no code was exchanged').toEqual([]);
    await expectNothingStored(v);
    expect(run.child.exitCode, 'connect is still waiting').toBeNull();

    const real = await actAsBrowser(url, 'approve');
    expect(real.status).toBe(200);
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr.match(/\/v1\/oauth\/authorize\?/g), 'one attempt, one authorize URL').toHaveLength(1);
    expect((await entries(v)).map((e) => e.name)).toEqual(['acme-oauth']);
  });

  it('a busy port: exit 2 with the fix, nothing stored, no browser page', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(app.port, '127.0.0.1', resolve));
    try {
      const done = await startConnect(v, ['--integration', app.name, '--no-browser']).done;
      expect(done.code).toBe(2);
      expect(done.stderr.trim()).toBe(`notion-vault: Port ${String(app.port)} is busy: close what uses it, or register the integration with another port (and update the redirect URI in Notion).`);
      await expectNothingStored(v);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a busy port on IPv6 loopback ([::1], where localhost may lead) is busy too: exit 2', async (context) => {
    if (!(await ipv6Loopback())) {
      console.log('skipped: this machine has no IPv6 loopback (::1), so nothing can hold [::1]:PORT');
      context.skip();
    }
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: app.port, host: '::1', ipv6Only: true }, resolve));
    try {
      const done = await startConnect(v, ['--integration', app.name, '--no-browser']).done;
      expect(done.code).toBe(2);
      expect(done.stderr.trim()).toBe(`notion-vault: Port ${String(app.port)} is busy: close what uses it, or register the integration with another port (and update the redirect URI in Notion).`);
      await expectNothingStored(v);
      expect(await freePortIs(app.port), 'the 127.0.0.1 side was let go').toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('timeout: exit 1 with the fix, nothing stored, the port is free again', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const done = await startConnect(v, ['--integration', app.name, '--no-browser', '--timeout', '1']).done;
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('No answer from Notion within 1 s: nothing was stored');
    await expectNothingStored(v);
    expect(await freePortIs(app.port)).toBe(true);
  });

  it('Ctrl-C (SIGINT) while waiting: exit 130, one line, nothing stored', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    const run = startConnect(v, ['--integration', app.name, '--no-browser']);
    await run.url;
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stderr).toContain('notion-vault: Connect cancelled: nothing was stored.');
    await expectNothingStored(v);
  });

  it('an unknown integration, a bad --timeout, or a name in use: exit 2 before any browser', async () => {
    const v = vault();
    const unknown = await startConnect(v, ['--integration', 'nope', '--no-browser']).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No integration is named "nope"');
    const app = await registerIntegration(notion(), v);
    const timeout = await startConnect(v, ['--integration', app.name, '--timeout', 'soon']).done;
    expect(timeout.code).toBe(2);
    const token = await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'taken'], { env: v.env, input: `${fakeToken()}\n` });
    expect(token.code).toBe(0);
    const taken = await startConnect(v, ['--integration', app.name, '--name', 'taken']).done;
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('already exists');
    for (const r of [unknown, timeout, taken]) expect(r.stderr).not.toContain('/v1/oauth/authorize');
  });

  it('a --name of a connection for another workspace: refused once Notion says which workspace, the new grant revoked, nothing changed', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v, { workspaceName: 'Acme' });
    await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
    notion().updateOAuthClient(app.clientId, { workspaceName: 'Beta' });
    await connectApproved(v, ['--integration', app.name, '--name', 'beta']);
    const held = async (name: string): Promise<string> => (await runCli(['get', name], { env: v.env, printsSecret: true })).stdout;
    const before = { acme: await held('acme'), beta: await held('beta') };
    const newest = (): string => notion().issuedPairs().filter((p) => p.clientId === app.clientId).at(-1)?.refresh ?? '';

    // A new workspace under a taken name: it cannot be known before Notion answers which workspace it is.
    notion().updateOAuthClient(app.clientId, { workspaceName: 'Gamma' });
    let run = startConnect(v, ['--integration', app.name, '--name', 'acme', '--no-browser']);
    await actAsBrowser(await run.url, 'approve');
    const added = await run.done;
    expect(added.code).toBe(2);
    expect(added.stderr.trim().split('\n').at(-1)).toBe('notion-vault: A token named "acme" already exists (Acme): nothing was stored; connect again with another name. The new connection was revoked in Notion.');
    expect(notion().refreshTokenState(newest()), 'the new grant does not stay alive').toBe('revoked');

    // Beta again, under Acme's name: refused before its tokens are swapped in.
    notion().updateOAuthClient(app.clientId, { workspaceName: 'Beta' });
    run = startConnect(v, ['--integration', app.name, '--name', 'acme', '--no-browser']);
    await actAsBrowser(await run.url, 'approve');
    const renamed = await run.done;
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toContain('This workspace is already connected as beta, and the name "acme" is taken by another token: nothing was changed');
    expect(notion().refreshTokenState(newest())).toBe('revoked');
    expect((await entries(v)).map((e) => e.name)).toEqual(['acme', 'beta']);
    expect({ acme: await held('acme'), beta: await held('beta') }, 'both keep their tokens').toEqual(before);

    // A free name renames it with the new tokens, in one go.
    const done = await connectApproved(v, ['--integration', app.name, '--name', 'beta-2']);
    expect(done.stdout).toContain('Reconnected beta-2');
    expect((await entries(v)).map((e) => e.name)).toEqual(['acme', 'beta-2']);
  });

  it('a refused code exchange (wrong client secret) is exit 1 and nothing is stored', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    notion().updateOAuthClient(app.clientId, { secret: fakeToken('secret_') });
    const run = startConnect(v, ['--integration', app.name, '--no-browser']);
    await actAsBrowser(await run.url, 'approve');
    const done = await run.done;
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('refused the client id or secret of integration "my-app"');
    await expectNothingStored(v);
  });
});

describe.concurrent('remove an OAuth connection', () => {
  it('remove says it could --revoke; --revoke revokes in Notion with the integration\'s credentials, then forgets it', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    await connectApproved(v, ['--integration', app.name, '--name', 'one']);
    const plain = await cli(v, ['remove', 'one']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('--revoke');
    const first = notion().currentPair(app.clientId);
    expect(first).not.toBeNull();

    await connectApproved(v, ['--integration', app.name, '--name', 'two']);
    const pair = notion().currentPair(app.clientId);
    expect(pair?.access).not.toBe(first?.access);
    const revoked = await cli(v, ['remove', 'two', '--revoke']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Notion revoked its access');
    expect(notion().refreshTokenState(pair?.refresh ?? '')).toBe('revoked');
    await expectNothingStored(v);
  });

  it('--revoke on a pasted token is exit 2 and keeps it', async () => {
    const v = vault();
    const r = await runCli(['add', '--no-check', '--kind', 'oauth', '--name', 'pasted'], { env: v.env, input: `${fakeToken()}\n` });
    expect(r.code).toBe(0);
    const refused = await cli(v, ['remove', 'pasted', '--revoke']);
    expect(refused.code).toBe(2);
    expect((await entries(v)).map((e) => e.name)).toEqual(['pasted']);
  });
});

/** Whether ::1 can be listened on here. */
async function ipv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => { resolve(false); });
    probe.listen(0, '::1', () => probe.close(() => { resolve(true); }));
  });
}

async function freePortIs(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => { resolve(false); });
    probe.listen(port, '127.0.0.1', () => probe.close(() => { resolve(true); }));
  });
}
