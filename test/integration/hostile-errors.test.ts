// Error bodies as an attacker writes them (issue #11, item 2): a proxy, or Notion itself, answering
// with the request's Authorization header echoed in `code` and `message`, or with a 5 MB code. The
// CLI as a subprocess, the window's handlers, the real keychain and the emulator over HTTP: no
// token, client secret or Basic value in any output, log, vault.json or window answer, and what
// is stored stays small. Every secret is registered, so the suite's leak scan checks files too.

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { ClipboardGuard } from '../../electron/core/app/clipboard-guard';
import { createVaultHandlers } from '../../electron/core/app/vault-handlers';
import { createNotionClient } from '../../electron/core/check/notion-client';
import { createKeytarStore } from '../../electron/core/keychain/keytar-store';
import { Monitor } from '../../electron/core/monitor/monitor';
import { Vault } from '../../electron/core/vault/vault';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { fakeToken, makeVaultEnv, registerSecret, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { installFakeNotifySend } from '../support/fake-notify-send';
import type { Failure } from '../support/notion-emulator';
import type { IssuedPair } from '../support/notion-emulator-oauth';
import { actAsBrowser, connectedEntry, registerIntegration, registerIssuedTokens, startConnect, type Integration } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
let registered = false;

const ECHO: Failure = { http: 502, body: 'echo-authorization' };
const ECHO_401: Failure = { http: 401, body: 'echo-authorization' };
const HUGE: Failure = { http: 502, hugeCode: 5_000_000 };
/** What vault.json may grow to with one entry and its history, whatever the server sent. */
const SMALL = 64 * 1024;

function vault(): VaultEnv {
  if (!registered) {
    registerIssuedTokens(notion());
    registered = true;
  }
  return makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_BROWSER: 'none' });
}

const cli = (v: VaultEnv, args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> =>
  runCli(args, { env: { ...v.env, ...options.env }, input: options.input });

const vaultJson = (v: VaultEnv): string => readFileSync(join(v.home, 'vault.json'), 'utf8');

/** None of the secrets, nor a stretch of one, nor anything of the hostile body. */
function expectClean(text: string, secrets: readonly string[], what: string): void {
  for (const secret of secrets) {
    expect(text, `${what} holds a secret`).not.toContain(secret);
    expect(text, `${what} holds part of a secret`).not.toContain(secret.slice(-24, -4));
  }
  expect(text, `${what} holds the server's code`).not.toContain('echo:');
  expect(text, `${what} holds the server's message`).not.toContain('refused upstream');
  expect(text, `${what} holds the huge code`).not.toMatch(/x{200}|y{200}/);
}

/** An internal token added while Notion answers normally, that then fails as `failure`. */
async function addedThenFailing(v: VaultEnv, failure: Failure): Promise<string> {
  const token = fakeToken();
  notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
  const added = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
  expect(added.code, added.stderr).toBe(0);
  notion().updateToken(token, { fail: failure });
  return token;
}

const entryOf = (v: VaultEnv): Entry => {
  const file = JSON.parse(vaultJson(v)) as { entries: Entry[] };
  const entry = file.entries[0];
  if (!entry) throw new Error('no entry stored');
  return entry;
};

describe.concurrent('an error body echoing the Authorization header (checks)', () => {
  it('check and check --json print neither the token nor the body; vault.json stores only the status and our words', async () => {
    const v = vault();
    const token = await addedThenFailing(v, ECHO);
    const secrets = [token, `Bearer ${token}`];

    const human = await cli(v, ['check']);
    expect(human.code).toBe(4);
    expectClean(human.stdout + human.stderr, secrets, 'check');
    expect(human.stdout).toMatch(/502 \(unexpected answer\)/);

    const json = await cli(v, ['check', '--json']);
    expect(json.code).toBe(4);
    expectClean(json.stdout + json.stderr, secrets, 'check --json');
    const [result] = (JSON.parse(json.stdout) as { results: Entry[] }).results;
    expect(result?.status).toBe('unknown');
    expect(result?.lastError?.code).toBe('http_502');

    const stored = entryOf(v);
    expectClean(vaultJson(v), secrets, 'vault.json');
    expect(stored.lastError?.message).toMatch(/502 \(unexpected answer\)/);
    expect(stored.history.at(-1)?.message).toBe(stored.lastError?.message);
  });

  it('a 401 with a hostile code is invalid, stored without the code', async () => {
    const v = vault();
    const token = await addedThenFailing(v, ECHO_401);
    const r = await cli(v, ['check', '--json']);
    expect(r.code).toBe(1);
    expectClean(r.stdout + r.stderr, [token], 'check --json');
    expect(entryOf(v)).toMatchObject({ status: 'invalid', lastError: { code: 'http_401' } });
    expectClean(vaultJson(v), [token], 'vault.json');
  });

  for (const failure of [ECHO, ECHO_401]) {
    it(`watch --once (${String(failure.http)}): the log and notify-send's arguments hold neither the token nor the body`, async () => {
      const fake = installFakeNotifySend();
      const v = vault();
      const token = await addedThenFailing(v, failure);
      const later = new Date(Date.now() + 86_400_000).toISOString();
      const r = await cli(v, ['watch', '--once'], { env: { NOTION_VAULT_NOW: later, ...fake.env } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/check acme: (unknown|invalid)/);
      expectClean(r.stdout + r.stderr, [token], 'watch --once');
      expectClean(JSON.stringify(fake.readCalls()), [token], 'notify-send');
      expectClean(vaultJson(v), [token], 'vault.json');
    });
  }

  it('add while the endpoint echoes: stored as unknown, the warning and vault.json clean', async () => {
    const v = vault();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', fail: ECHO });
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
    expect(r.code, r.stderr).toBe(0);
    expectClean(r.stdout + r.stderr, [token], 'add');
    expect(entryOf(v).status).toBe('unknown');
    expectClean(vaultJson(v), [token], 'vault.json');
  });

  it('a 5 MB code: vault.json and the output stay small', async () => {
    const v = vault();
    await addedThenFailing(v, HUGE);
    for (let i = 0; i < 3; i++) {
      const r = await cli(v, ['check', '--json']);
      expect(r.code).toBe(4);
      expect(r.stdout.length).toBeLessThan(SMALL);
      expectClean(r.stdout + r.stderr, [], 'check --json');
    }
    expect(statSync(join(v.home, 'vault.json')).size).toBeLessThan(SMALL);
    expectClean(vaultJson(v), [], 'vault.json');
    expect(entryOf(v).lastError?.code).toBe('http_502');
  });
});

describe.concurrent('an error body echoing the Authorization header (the window)', () => {
  function handlers(): { handlers: ReturnType<typeof createVaultHandlers>; dir: string } {
    const { home, service } = makeVaultEnv();
    const dir = mkdtempSync(join(home, '..', 'hostile-window-'));
    const clock = (): Date => new Date();
    const store = createKeytarStore({ service });
    const vaultOf = new Vault(openVaultFile({ dir, clock }), store, clock);
    const client = (): Promise<ReturnType<typeof createNotionClient>> => Promise.resolve(createNotionClient({ baseUrl: notion().url, timeoutMs: 5_000 }));
    const monitor = new Monitor({ vault: vaultOf, client, clock, notifier: { send: () => Promise.resolve() } });
    const clipboard = new ClipboardGuard({ readText: () => '', writeText: () => undefined });
    return {
      dir,
      handlers: createVaultHandlers({ vault: vaultOf, client, clock, monitor, clipboard, changed: () => undefined, probe: () => store.probe(), openExternal: () => Promise.resolve() }),
    };
  }

  it('token:inspect, vault:check and vault:list answer without the token or the body', async () => {
    const { handlers: h, dir } = handlers();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', fail: ECHO });
    const inspection = await h['token:inspect']({ text: token });
    expect(inspection.check.result).toBe('unknown');
    expectClean(JSON.stringify(inspection), [token], 'token:inspect');

    const { entry } = await h['vault:add']({ draftId: inspection.draftId, name: 'acme' });
    expectClean(JSON.stringify(entry), [token], 'vault:add');
    expectClean(JSON.stringify(await h['vault:check']([entry.id])), [token], 'vault:check');
    expectClean(JSON.stringify(await h['vault:list']()), [token], 'vault:list');
    expectClean(readFileSync(join(dir, 'vault.json'), 'utf8'), [token], 'vault.json');
  });
});

// ---------------------------------------------------------------------------
// OAuth endpoints echoing the Basic header (client id and secret)

const basicOf = (app: Integration): string => registerSecret(Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64'));

const connected = (v: VaultEnv): Promise<{ app: Integration; pair: IssuedPair }> => connectedEntry(notion(), v, 'acme');

describe.concurrent('the OAuth token endpoint echoing the Basic header', () => {
  for (const http of [400, 502]) {
    it(`connect (${String(http)}): stderr has neither the client secret nor the Basic value; nothing stored`, async () => {
      const v = vault();
      const app = await registerIntegration(notion(), v);
      notion().updateOAuthClient(app.clientId, { tokenFailure: { http, body: 'echo-authorization' } });
      const run = startConnect(v, ['--no-browser', '--integration', app.name, '--name', 'acme']);
      await actAsBrowser(await run.url, 'approve');
      const done = await run.done;
      expect(done.code).not.toBe(0);
      expect(done.stderr).toMatch(/nothing was stored/);
      expectClean(done.stdout + done.stderr, [app.clientSecret, basicOf(app)], 'connect');
      expect((JSON.parse(vaultJson(v)) as { entries: Entry[] }).entries).toEqual([]);
    });
  }

  it('a refresh answered with the echo: check, vault.json and watch stay clean', async () => {
    const v = vault();
    const { app, pair } = await connected(v);
    notion().expireAccessToken(pair.access);
    notion().updateOAuthClient(app.clientId, { tokenFailure: { http: 400, body: 'echo-authorization' } });
    const secrets = [app.clientSecret, basicOf(app), pair.access, pair.refresh];

    const r = await cli(v, ['check', '--json']);
    expect(r.code).toBe(1);
    expectClean(r.stdout + r.stderr, secrets, 'check --json');
    expect(entryOf(v)).toMatchObject({ status: 'invalid', lastError: { code: 'http_400' } });
    expect(entryOf(v).lastError?.message).toMatch(/reconnect/);
    expectClean(vaultJson(v), secrets, 'vault.json');

    const human = await cli(v, ['check']);
    expectClean(human.stdout + human.stderr, secrets, 'check');
  });

  it('a refresh answered with a 5 MB code: vault.json stays small', async () => {
    const v = vault();
    const { app, pair } = await connected(v);
    notion().expireAccessToken(pair.access);
    notion().updateOAuthClient(app.clientId, { tokenFailure: { http: 400, hugeCode: 5_000_000 } });
    const r = await cli(v, ['check', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(SMALL);
    expect(statSync(join(v.home, 'vault.json')).size).toBeLessThan(SMALL);
    expectClean(vaultJson(v), [], 'vault.json');
  });
});

describe.concurrent('the OAuth revoke endpoint echoing the Basic header', () => {
  it('remove --revoke: not removed, and the message names neither the secret nor the Basic value', async () => {
    const v = vault();
    const { app, pair } = await connected(v);
    for (const failure of [{ http: 400, body: 'echo-authorization' } as const, { http: 400, hugeCode: 5_000_000 }]) {
      notion().updateOAuthClient(app.clientId, { revokeFailure: failure });
      const r = await cli(v, ['remove', 'acme', '--revoke']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^notion-vault: Not removed: Notion refused to revoke it \(400, unexpected answer\)/);
      expect(r.stderr.length).toBeLessThan(1_000);
      expectClean(r.stdout + r.stderr, [app.clientSecret, basicOf(app), pair.access, pair.refresh], 'remove --revoke');
    }
    expect(entryOf(v).name).toBe('acme');
  });
});

describe('a vault.json written before error text was bounded (an older build)', () => {
  it('shows none of a leaked token from lastError or the history, and the next write leaves it out of the file', async () => {
    const v = vault();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
    expect((await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` })).code).toBe(0);
    // What the old build stored for a 502 that echoed the Authorization header.
    const doc = JSON.parse(vaultJson(v)) as { entries: Entry[] };
    const [entry] = doc.entries;
    if (!entry) throw new Error('no entry stored');
    const echo = `echo:Bearer ${token}`;
    entry.lastError = { code: echo, message: `Notion answered 502 (${echo})`, at: new Date().toISOString() };
    entry.history.push({ at: new Date().toISOString(), event: 'checked', status: 'unknown', message: `502: ${echo} ${'x'.repeat(5_000)}` });
    writeFileSync(join(v.home, 'vault.json'), JSON.stringify(doc));

    for (const args of [['list', '--json'], ['status', '--json'], ['list'], ['status']]) {
      const r = await cli(v, args);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(token);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(token.slice(-24, -4));
      expect(r.stdout, args.join(' ')).not.toMatch(/x{400}/);
    }
    expect((await cli(v, ['rename', 'acme', 'acme-2'])).code).toBe(0);
    const written = vaultJson(v);
    expect(written).not.toContain(token);
    expect(written.length).toBeLessThan(SMALL);
    expect(entryOf(v).lastError?.code).toBe('unexpected_answer');
  });
});
