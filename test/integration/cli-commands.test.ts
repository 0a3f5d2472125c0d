// The notion-vault CLI as a person or a script uses it: the built CLI as a subprocess, the real
// keychain (with-keyring.sh), and the Notion API emulator. Each test has its own vault home and
// keychain service, so tests run concurrently and never see each other's entries.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type RunOptions, type VaultEnv } from '../support/cli';
import { startNotionEmulator, type Identity, type NotionEmulator, type TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

// ---------------------------------------------------------------------------
// Helpers

/** A fresh vault pointed at the shared emulator. */
function vault(extra: Record<string, string> = {}): VaultEnv {
  return makeVaultEnv({ NOTION_API_BASE_URL: notion().url, ...extra });
}

function cli(v: VaultEnv, args: readonly string[], options: Omit<RunOptions, 'env'> & { env?: Record<string, string> } = {}): Promise<CliResult> {
  return runCli(args, { ...options, env: { ...v.env, ...options.env } });
}

/** A new token the emulator knows, with the spec given. */
function tokenAt(spec: TokenSpec = { identity: 'internal' }, on: NotionEmulator = notion()): string {
  const token = fakeToken();
  on.setToken(token, spec);
  return token;
}

/** `add` with the token on stdin (as a pipe does it), expecting success. */
async function addOk(v: VaultEnv, token: string, args: readonly string[] = []): Promise<CliResult> {
  const r = await cli(v, ['add', ...args], { input: `${token}\n` });
  if (r.code !== 0) throw new Error(`add ${args.join(' ')} exited ${String(r.code)}: ${r.stderr}`);
  return r;
}

type ListedEntry = Entry;
interface StatusEntry extends Entry {
  daysLeft: number | null;
  attention: string | null;
}
interface StatusJson {
  now: string;
  needsAttention: string[];
  entries: StatusEntry[];
}

async function listEntries(v: VaultEnv, env: Record<string, string> = {}): Promise<ListedEntry[]> {
  const r = await cli(v, ['list', '--json'], { env });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { entries: ListedEntry[] }).entries;
}

async function statusJson(v: VaultEnv, env: Record<string, string> = {}): Promise<{ code: number; json: StatusJson }> {
  const r = await cli(v, ['status', '--json'], { env });
  return { code: r.code, json: JSON.parse(r.stdout) as StatusJson };
}

function only(entries: ListedEntry[]): ListedEntry {
  const [first, ...rest] = entries;
  if (first === undefined || rest.length > 0) throw new Error(`expected exactly one entry, got ${String(entries.length)}`);
  return first;
}

function named<T extends Entry>(entries: T[], name: string): T {
  const entry = entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no entry named ${name} in ${entries.map((e) => e.name).join(', ')}`);
  return entry;
}

const vaultPath = (v: VaultEnv): string => join(v.home, 'vault.json');
const vaultText = (v: VaultEnv): string | null => (existsSync(vaultPath(v)) ? readFileSync(vaultPath(v), 'utf8') : null);

async function getSecret(v: VaultEnv, name: string): Promise<CliResult> {
  return cli(v, ['get', name], { printsSecret: true });
}

/** An error a command printed alone: exactly one `notion-vault: …` line on stderr. */
function expectOneErrorLine(r: CliResult): string {
  const lines = r.stderr.trim().split('\n');
  expect(lines, `stderr: ${r.stderr}`).toHaveLength(1);
  return lines[0] ?? '';
}

function spawnText(file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The keychain item notion-vault stored for an entry, read behind the CLI's back. */
function secretToolLookup(service: string, account: string): Promise<{ code: number; stdout: string }> {
  return spawnText('secret-tool', ['lookup', 'service', service, 'account', account]);
}

/** Every keychain item under a service, as secret-tool sees them (keytar labels items `service/account`). */
async function keychainItems(service: string): Promise<{ account: string; secret: string }[]> {
  const r = await spawnText('secret-tool', ['search', '--all', 'service', service]);
  const items: { account: string; secret: string }[] = [];
  let account: string | null = null;
  for (const line of r.stdout.split('\n')) {
    const label = /^label = (.*)$/.exec(line);
    if (label?.[1] !== undefined) account = label[1].slice(service.length + 1);
    const secret = /^secret = (.*)$/.exec(line);
    if (secret?.[1] !== undefined && account !== null) items.push({ account, secret: secret[1] });
  }
  return items.filter((item) => item.account !== FINGERPRINT_KEY_ACCOUNT); // the vault's own key, not a token's item
}

/** The vault home and keychain hold nothing: what a refused `add` must leave. */
async function expectNothingStored(v: VaultEnv): Promise<void> {
  expect(vaultText(v)).toBeNull();
  expect(await listEntries(v)).toEqual([]);
  expect(await keychainItems(v.service)).toEqual([]);
}

/** A token's body without its `ntn_` prefix, to look for any echo of it. */
const bodyOf = (token: string): string => token.slice(4);

// ---------------------------------------------------------------------------

describe.concurrent('a token from add to remove', () => {
  it('stores the secret in the keychain and only metadata in vault.json; list, get, run and remove work on it', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', workspaceName: 'Acme' });

    const added = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Stored acme');
    expect(added.stderr).toBe('');

    const file = vaultText(v) ?? '';
    expect(file).not.toContain(token);
    expect(file).not.toContain(bodyOf(token).slice(0, 20));
    const doc = JSON.parse(file) as { entries: Entry[] };
    const stored = only(doc.entries);
    expect(stored).toMatchObject({ name: 'acme', workspaceName: 'Acme', kind: 'internal', status: 'valid' });

    const listed = only(await listEntries(v));
    expect(listed).toMatchObject({ id: stored.id, name: 'acme', workspaceName: 'Acme', kind: 'internal', status: 'valid', expiresAt: null, pagesShared: true });

    const got = await getSecret(v, 'acme');
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(token);

    const ran = await cli(v, ['run', '--no-masking', 'acme', '--', 'sh', '-c', 'echo "$NOTION_TOKEN"'], { printsSecret: true });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(`${token}\n`);

    const before = await secretToolLookup(v.service, listed.id);
    expect(before.code).toBe(0);
    expect(before.stdout.trim()).toBe(token);

    const removed = await cli(v, ['remove', 'acme']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed acme');
    expect(await listEntries(v)).toEqual([]);
    const after = await secretToolLookup(v.service, listed.id);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
    expect(await keychainItems(v.service)).toEqual([]);

    const gone = await getSecret(v, 'acme');
    expect(gone.code).toBe(2);
    expect(gone.stdout).toBe('');
  });

  it('remove of an unknown name exits 2 with one line and changes nothing', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const before = vaultText(v);
    const r = await cli(v, ['remove', 'nope']);
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toContain('"nope"');
    expect(vaultText(v)).toBe(before);
    expect(await keychainItems(v.service)).toHaveLength(1);
  });
});

describe.concurrent('what add accepts as a token', () => {
  const pastes: [string, (token: string) => string][] = [
    ['quoted with spaces around', (t) => `  "${t}"  `],
    ['Bearer TOKEN', (t) => `Bearer ${t}`],
    ['NOTION_TOKEN=TOKEN', (t) => `NOTION_TOKEN=${t}`],
    ["export NOTION_API_KEY='TOKEN'", (t) => `export NOTION_API_KEY='${t}'`],
    ['{"token": "TOKEN"}', (t) => `{"token": "${t}"}`],
  ];

  it.each(pastes)('a paste of %s is stored as the bare token', async (_label, wrap) => {
    const v = vault();
    const token = tokenAt();
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${wrap(token)}\n` });
    expect(r.code, r.stderr).toBe(0);
    const got = await getSecret(v, 'acme');
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(token);
    expect(only(await listEntries(v)).status).toBe('valid');
  });
});

describe.concurrent('what add refuses as input (exit 2, nothing stored, nothing echoed)', () => {
  it('empty input', async () => {
    const v = vault();
    const r = await cli(v, ['add', '--name', 'acme'], { input: '' });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toMatch(/^notion-vault: /);
    await expectNothingStored(v);
  });

  it('"hello world"', async () => {
    const v = vault();
    const r = await cli(v, ['add', '--name', 'acme'], { input: 'hello world\n' });
    expect(r.code).toBe(2);
    const line = expectOneErrorLine(r);
    expect(line).not.toContain('hello');
    expect(line).not.toContain('world');
    expect(r.stdout).toBe('');
    await expectNothingStored(v);
  });

  it('1 MB of text', async () => {
    const v = vault();
    const token = fakeToken();
    const text = `${token}\n${'lorem ipsum dolor sit amet '.repeat(40_000)}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const r = await cli(v, ['add', '--name', 'acme'], { input: text });
    expect(r.code).toBe(2);
    const line = expectOneErrorLine(r);
    expect(line).toMatch(/too long/i);
    expect(line).not.toContain('lorem');
    expect(r.stderr).not.toContain(bodyOf(token).slice(0, 12));
    await expectNothingStored(v);
  });

  it('a line with a NUL byte', async () => {
    const v = vault();
    const token = tokenAt();
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${token.slice(0, 24)}\0${token.slice(24)}\n` });
    expect(r.code).toBe(2);
    const line = expectOneErrorLine(r);
    expect(line).not.toContain(token.slice(4, 16));
    expect(line).not.toContain(token.slice(-12));
    await expectNothingStored(v);
    expect(notion().requests(token)).toEqual([]);
  });

  it('two tokens on one line', async () => {
    const v = vault();
    const a = tokenAt();
    const b = tokenAt();
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${a} ${b}\n` });
    expect(r.code).toBe(2);
    const line = expectOneErrorLine(r);
    expect(line).toMatch(/more than one token/i);
    for (const t of [a, b]) expect(r.stderr).not.toContain(bodyOf(t).slice(0, 12));
    await expectNothingStored(v);
  });
});

describe.concurrent('add and what Notion says', () => {
  it('a revoked token is refused with exit 1 and nothing is stored', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', revoked: true });
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
    expect(r.code).toBe(1);
    expect(expectOneErrorLine(r)).toMatch(/Not stored/);
    expect(r.stderr).not.toContain(bodyOf(token).slice(0, 12));
    await expectNothingStored(v);
  });

  it('two 429s with Retry-After: 1 are waited out and the token ends valid', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', failFirst: { count: 2, failure: { http: 429, retryAfter: '1' } } });
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(only(await listEntries(v)).status).toBe('valid');

    const me = notion().requests(token).filter((q) => q.path === '/v1/users/me');
    expect(me).toHaveLength(3);
    const [first, second, third] = me.map((q) => q.at);
    if (first === undefined || second === undefined || third === undefined) throw new Error('missing requests');
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(950);
  });

  it('a 500 stores the token as unknown with a warning, never invalid; check then exits 4', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', fail: { http: 500 } });
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${token}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Stored without a check/);
    expect(r.stderr).toContain('notion-vault check acme');
    expect(only(await listEntries(v)).status).toBe('unknown');

    const checked = await cli(v, ['check']);
    expect(checked.code).toBe(4);
    expect(checked.stdout).toMatch(/acme\s.*unknown/);
    expect(only(await listEntries(v)).status).toBe('unknown');
    const status = await statusJson(v);
    expect(status.code).toBe(0);
    expect(status.json.needsAttention).toEqual([]);
  });

  it('a valid token that later meets a 500 is unknown after check, not invalid', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    notion().updateToken(token, { fail: { http: 500 } });
    const checked = await cli(v, ['check', '--json']);
    expect(checked.code).toBe(4);
    const entry = only(await listEntries(v));
    expect(entry.status).toBe('unknown');
    expect(entry.lastDecided?.status).toBe('valid');
  });
});

describe.concurrent('add: kinds, names, flags', () => {
  const NOW = '2026-01-10T00:00:00.000Z';

  it('an internal integration is stored as kind internal, without expiry', async () => {
    const v = vault();
    const r = await addOk(v, tokenAt({ identity: 'internal' }), ['--name', 'acme', '--json']);
    const printed = JSON.parse(r.stdout) as Entry;
    expect(printed).toMatchObject({ name: 'acme', kind: 'internal', expiresAt: null, workspaceName: 'Acme' });
    expect(only(await listEntries(v))).toMatchObject({ kind: 'internal', expiresAt: null });
  });

  it('a person-owned token is a PAT assumed to expire 1 year after creation, and stderr says so', async () => {
    const v = vault({ NOTION_VAULT_NOW: NOW });
    const r = await addOk(v, tokenAt({ identity: 'pat-person' }), ['--name', 'me']);
    expect(r.stderr).toMatch(/assuming Notion's default, 1 year/);
    expect(r.stderr).toContain('2027-01-10');
    const entry = only(await listEntries(v));
    expect(entry).toMatchObject({ kind: 'pat', createdAt: NOW, expiresAt: '2027-01-10T00:00:00.000Z' });
  });

  it('a PAT with --expires-in 30d has 30 days left and no assumption on stderr', async () => {
    const v = vault({ NOTION_VAULT_NOW: NOW });
    const r = await addOk(v, tokenAt({ identity: 'pat-person' }), ['--name', 'me', '--expires-in', '30d']);
    expect(r.stderr).not.toMatch(/assuming/);
    const { code, json } = await statusJson(v);
    expect(code).toBe(0);
    expect(named(json.entries, 'me')).toMatchObject({ kind: 'pat', daysLeft: 30, status: 'valid' });
    expect(json.needsAttention).toEqual([]);
  });

  it.each<Identity>(['pat-bot', 'oauth'])('a bot owned by a user (%s) is taken as a PAT with a note on stderr', async (identity) => {
    const v = vault();
    const r = await addOk(v, tokenAt({ identity }), ['--name', 'bot']);
    expect(r.stderr).toMatch(/a user owns this token: taking it as a personal access token/);
    expect(r.stderr).toContain('--kind oauth');
    expect(only(await listEntries(v)).kind).toBe('pat');
  });

  it.each<Identity>(['pat-bot', 'oauth'])('a bot owned by a user (%s) with --kind oauth is stored as OAuth, without expiry', async (identity) => {
    const v = vault();
    const r = await addOk(v, tokenAt({ identity }), ['--name', 'bot', '--kind', 'oauth']);
    expect(r.stderr).not.toMatch(/personal access token/);
    expect(only(await listEntries(v))).toMatchObject({ kind: 'oauth', expiresAt: null, workspaceName: 'Acme' });
  });

  it('--kind pat for an internal integration is exit 2 and nothing is stored', async () => {
    const v = vault();
    const r = await cli(v, ['add', '--name', 'acme', '--kind', 'pat'], { input: `${tokenAt()}\n` });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toContain('--kind internal');
    await expectNothingStored(v);
  });

  it('default names: workspace + kind, then -2 for a second token of the same workspace', async () => {
    const v = vault();
    const first = await addOk(v, tokenAt());
    expect(first.stdout).toContain('acme-internal');
    await addOk(v, tokenAt());
    const names = (await listEntries(v)).map((e) => e.name).sort();
    expect(names).toEqual(['acme-internal', 'acme-internal-2']);
  });

  it('the same secret twice is exit 2 naming the entry that holds it', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const before = vaultText(v);
    const r = await cli(v, ['add', '--name', 'again'], { input: `${token}\n` });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toContain('already stored as "acme"');
    expect(vaultText(v)).toBe(before);
    expect(await keychainItems(v.service)).toHaveLength(1);
  });

  it('a name already in use is exit 2 and the second token is not stored', async () => {
    const v = vault();
    const first = tokenAt();
    await addOk(v, first, ['--name', 'acme']);
    const second = tokenAt();
    const r = await cli(v, ['add', '--name', 'acme'], { input: `${second}\n` });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toContain('"acme" already exists');
    expect(only(await listEntries(v)).name).toBe('acme');
    const items = await keychainItems(v.service);
    expect(items.map((i) => i.secret)).toEqual([first]);
    expect((await getSecret(v, 'acme')).stdout).toBe(first);
  });

  it('--no-check stores the token as unchecked without asking Notion', async () => {
    const v = vault();
    const token = tokenAt();
    const r = await addOk(v, token, ['--name', 'acme', '--no-check']);
    expect(r.stdout).toContain('unchecked');
    expect(only(await listEntries(v)).status).toBe('unchecked');
    expect(notion().requests(token)).toEqual([]);
    expect((await getSecret(v, 'acme')).stdout).toBe(token);
  });

  it('--expires-in 5d is exit 2 and nothing is stored', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'pat-person' });
    const r = await cli(v, ['add', '--name', 'me', '--expires-in', '5d'], { input: `${token}\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('5d');
    await expectNothingStored(v);
    expect(notion().requests(token)).toEqual([]);
  });

  it('--expires on an internal integration is exit 2 and nothing is stored', async () => {
    const v = vault();
    const r = await cli(v, ['add', '--name', 'acme', '--expires', '2027-01-01'], { input: `${tokenAt()}\n` });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toMatch(/Only personal access tokens expire/);
    await expectNothingStored(v);
  });

  it('an invalid --name is exit 2 before the token is read or sent', async () => {
    const v = vault();
    const token = tokenAt();
    const r = await cli(v, ['add', '--name', 'a b'], { input: `${token}\n` });
    expect(r.code).toBe(2);
    expectOneErrorLine(r);
    await expectNothingStored(v);
    expect(notion().requests(token)).toEqual([]);
  });

  it('a token that sees no pages is stored with the "Add connection" hint', async () => {
    const v = vault();
    const r = await addOk(v, tokenAt({ identity: 'internal', pagesShared: false }), ['--name', 'acme']);
    expect(r.stderr).toContain('Add connection');
    expect(only(await listEntries(v))).toMatchObject({ status: 'valid', pagesShared: false });
  });
});

describe.concurrent('list and status', () => {
  it('list on an empty vault says how to add one; list --json is empty', async () => {
    const v = vault();
    const r = await cli(v, ['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No tokens stored yet');
    expect(await listEntries(v)).toEqual([]);
  });

  it('list shows a table of names, workspaces, kinds, statuses and expiry', async () => {
    const v = vault({ NOTION_VAULT_NOW: '2026-01-10T00:00:00Z' });
    await addOk(v, tokenAt({ identity: 'internal' }), ['--name', 'acme']);
    await addOk(v, tokenAt({ identity: 'pat-person' }), ['--name', 'me', '--workspace', 'Beta', '--expires-in', '90d']);
    const r = await cli(v, ['list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+WORKSPACE\s+KIND\s+STATUS\s+EXPIRES IN\s+LAST USED$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^acme\s+Acme\s+internal\s+valid\s+never\s+never$/);
    expect(lines[2]).toMatch(/^me\s+Beta\s+pat\s+valid\s+90 days\s+never$/);
  });

  it('status exits 0 when every token is fine', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, ['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('All tokens are usable.');
    const { code, json } = await statusJson(v);
    expect(code).toBe(0);
    expect(json.needsAttention).toEqual([]);
    expect(named(json.entries, 'acme')).toMatchObject({ daysLeft: null, status: 'valid' });
  });

  it('status exits 1 once a PAT is past its expiry, and --json says which', async () => {
    const v = vault({ NOTION_VAULT_NOW: '2026-01-10T00:00:00Z' });
    await addOk(v, tokenAt({ identity: 'pat-person' }), ['--name', 'me', '--expires-in', '30d']);
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const later = { NOTION_VAULT_NOW: '2026-03-01T00:00:00Z' };
    const r = await cli(v, ['status'], { env: later });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 of 2 need attention');
    const { code, json } = await statusJson(v, later);
    expect(code).toBe(1);
    expect(json.needsAttention).toEqual(['me']);
    expect(named(json.entries, 'me')).toMatchObject({ status: 'expired', daysLeft: -20 });
    expect(named(json.entries, 'acme')).toMatchObject({ status: 'valid', daysLeft: null });
  });
});

describe.concurrent('check', () => {
  it('a token revoked in Notion makes check exit 1 and the entry invalid; status then exits 1', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const fine = await cli(v, ['check']);
    expect(fine.code).toBe(0);

    notion().revoke(token);
    const r = await cli(v, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/acme\s.*invalid/);
    expect(only(await listEntries(v)).status).toBe('invalid');
    const { code, json } = await statusJson(v);
    expect(code).toBe(1);
    expect(json.needsAttention).toEqual(['acme']);
  });

  it('check NAME checks only that entry', async () => {
    const v = vault();
    const a = tokenAt();
    const b = tokenAt();
    await addOk(v, a, ['--name', 'a']);
    await addOk(v, b, ['--name', 'b']);
    const [aBefore, bBefore] = [notion().requests(a).length, notion().requests(b).length];
    const r = await cli(v, ['check', 'a', '--json']);
    expect(r.code).toBe(0);
    const results = (JSON.parse(r.stdout) as { results: Entry[] }).results;
    expect(results.map((e) => e.name)).toEqual(['a']);
    expect(notion().requests(a).length).toBeGreaterThan(aBefore);
    expect(notion().requests(b).length).toBe(bBefore);
  });

  it('check of an unknown name exits 2 with one line and asks Notion nothing', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const asked = notion().requests(token).length;
    const r = await cli(v, ['check', 'acme', 'nope']);
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toContain('"nope"');
    expect(notion().requests(token)).toHaveLength(asked);
  });

  it('check on an empty vault exits 0', async () => {
    const v = vault();
    const r = await cli(v, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No tokens stored yet');
  });

  it('a token that now answers for another workspace is reported on stderr', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', workspaceName: 'Acme' });
    await addOk(v, token, ['--name', 'acme']);
    notion().updateToken(token, { workspaceName: 'Other' });
    const r = await cli(v, ['check']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/acme now answers for workspace Other, not Acme/);
  });
});

describe('with Notion unreachable', () => {
  it('check exits 4 and keeps the entry undecided; doctor exits 4', async () => {
    const own = await startNotionEmulator();
    const v = makeVaultEnv({ NOTION_API_BASE_URL: own.url });
    try {
      await addOk(v, tokenAt({ identity: 'internal' }, own), ['--name', 'acme']);
    } finally {
      await own.stop();
    }
    const r = await cli(v, ['check']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/acme\s.*unknown.*Cannot reach Notion/);
    const entry = only(await listEntries(v));
    expect(entry.status).toBe('unknown');
    expect(entry.lastDecided?.status).toBe('valid');

    const doctor = await cli(v, ['doctor']);
    expect(doctor.code).toBe(4);
    expect(doctor.stdout).toMatch(/FAIL\s+notion\s+cannot reach/);
    expect(doctor.stdout).toMatch(/ok\s+keychain/);
  });
});

describe.concurrent('get and export', () => {
  it('get of an unknown name exits 2 with one line and prints nothing', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await getSecret(v, 'nope');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneErrorLine(r)).toBe('notion-vault: No token is named "nope": see `notion-vault list`.');
  });

  it('export prints shell lines by default, dotenv and json on request', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);

    const env = await cli(v, ['export', 'acme'], { printsSecret: true });
    expect(env.code).toBe(0);
    expect(env.stdout).toBe(`export NOTION_TOKEN='${token}'\nexport NOTION_API_KEY='${token}'\n`);

    const dotenv = await cli(v, ['export', 'acme', '--format', 'dotenv'], { printsSecret: true });
    expect(dotenv.code).toBe(0);
    expect(dotenv.stdout).toBe(`NOTION_TOKEN='${token}'\nNOTION_API_KEY='${token}'\n`);

    const json = await cli(v, ['export', 'acme', '--format', 'json'], { printsSecret: true });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ NOTION_TOKEN: token, NOTION_API_KEY: token });

    const named = await cli(v, ['export', 'acme', '--env', 'MY_VAR'], { printsSecret: true });
    expect(named.code).toBe(0);
    expect(named.stdout).toBe(`export MY_VAR='${token}'\n`);
  });

  // `export --help` says: Usage: notion-vault export [options] <name>
  it('export --env MY_VAR NAME (options first, as the Usage line shows) prints MY_VAR', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const r = await cli(v, ['export', '--env', 'MY_VAR', 'acme'], { printsSecret: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`export MY_VAR='${token}'\n`);
  });

  it('export --format xml exits 2 and prints no secret', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, ['export', 'acme', '--format', 'xml'], { printsSecret: true });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('xml');
  });
});

describe.concurrent('run', () => {
  it('exits with the command\'s own code', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, ['run', 'acme', '--', 'sh', '-c', 'exit 7'], { printsSecret: true });
    expect(r.code).toBe(7);
  });

  it('--env=MY_VAR sets MY_VAR only, not NOTION_TOKEN or NOTION_API_KEY', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const script = 'echo "${MY_VAR}|${NOTION_TOKEN-unset}|${NOTION_API_KEY-unset}"';
    const r = await cli(v, ['run', '--no-masking', '--env=MY_VAR', 'acme', '--', 'sh', '-c', script], { printsSecret: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${token}|unset|unset\n`);
  });

  // `run --help` says: Usage: notion-vault run [options] <name> <command...>
  it('--env MY_VAR NAME -- CMD (options first, as the Usage line shows) runs CMD with MY_VAR set', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const script = 'echo "${MY_VAR}|${NOTION_TOKEN-unset}"';
    const r = await cli(v, ['run', '--no-masking', '--env', 'MY_VAR', 'acme', '--', 'sh', '-c', script], { printsSecret: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${token}|unset\n`);
  });

  it('both default variables are set without --env', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const r = await cli(v, ['run', '--no-masking', 'acme', '--', 'sh', '-c', 'echo "$NOTION_TOKEN|$NOTION_API_KEY"'], { printsSecret: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${token}|${token}\n`);
  });

  it('a command that does not exist, or none at all, is exit 2 with one line', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const missing = await cli(v, ['run', 'acme', '--', 'no-such-command-notion-vault-test'], { printsSecret: true });
    expect(missing.code).toBe(2);
    expect(expectOneErrorLine(missing)).toContain('no-such-command-notion-vault-test');
    const none = await cli(v, ['run', 'acme', '--'], { printsSecret: true });
    expect(none.code).toBe(2);
    expect(expectOneErrorLine(none)).toMatch(/Say what to run/);
  });

  it('run with an unknown name is exit 2 and the command never runs', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, ['run', 'nope', '--', 'sh', '-c', 'echo ran'], { printsSecret: true });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneErrorLine(r)).toContain('"nope"');
  });
});

describe.concurrent('rename', () => {
  it('renames an entry; the secret follows it', async () => {
    const v = vault();
    const token = tokenAt();
    await addOk(v, token, ['--name', 'acme']);
    const id = only(await listEntries(v)).id;
    const r = await cli(v, ['rename', 'acme', 'acme-prod']);
    expect(r.code).toBe(0);
    expect(only(await listEntries(v))).toMatchObject({ id, name: 'acme-prod' });
    expect((await getSecret(v, 'acme-prod')).stdout).toBe(token);
    expect((await getSecret(v, 'acme')).code).toBe(2);
  });

  it('to a name in use, from an unknown name, or to an invalid name: exit 2, nothing changes', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'a']);
    await addOk(v, tokenAt(), ['--name', 'b']);
    const before = vaultText(v);

    const taken = await cli(v, ['rename', 'a', 'b']);
    expect(taken.code).toBe(2);
    expect(expectOneErrorLine(taken)).toContain('"b" already exists');

    const unknown = await cli(v, ['rename', 'nope', 'c']);
    expect(unknown.code).toBe(2);
    expect(expectOneErrorLine(unknown)).toContain('"nope"');

    for (const bad of ['a b', '-x', '.hidden']) {
      const r = await cli(v, ['rename', 'a', '--', bad]);
      expect(r.code, bad).toBe(2);
      expect(expectOneErrorLine(r)).toMatch(/Names are/);
    }
    const dash = await cli(v, ['rename', 'a', '-x']);
    expect(dash.code).toBe(2);

    expect(vaultText(v)).toBe(before);
  });
});

describe.concurrent('rotate', () => {
  it('a new token for the same workspace replaces the old one in the keychain', async () => {
    const v = vault();
    const old = tokenAt();
    await addOk(v, old, ['--name', 'acme']);
    const id = only(await listEntries(v)).id;
    const fresh = tokenAt();

    const r = await cli(v, ['rotate', 'acme'], { input: `${fresh}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Rotated acme');
    expect((await getSecret(v, 'acme')).stdout).toBe(fresh);
    expect(only(await listEntries(v))).toMatchObject({ id, name: 'acme', status: 'valid' });

    expect((await secretToolLookup(v.service, id)).stdout.trim()).toBe(fresh);
    const items = await keychainItems(v.service);
    expect(items).toEqual([{ account: id, secret: fresh }]);
    expect(items.some((i) => i.secret === old)).toBe(false);
  });

  it('a token for another workspace is exit 2 and the old one stays', async () => {
    const v = vault();
    const old = tokenAt({ identity: 'internal', workspaceName: 'Acme' });
    await addOk(v, old, ['--name', 'acme']);
    const before = vaultText(v);
    const other = tokenAt({ identity: 'internal', workspaceName: 'Other' });
    const r = await cli(v, ['rotate', 'acme'], { input: `${other}\n` });
    expect(r.code).toBe(2);
    expect(expectOneErrorLine(r)).toMatch(/workspace Other/);
    expect((await getSecret(v, 'acme')).stdout).toBe(old);
    expect(vaultText(v)).toBe(before);
    expect((await keychainItems(v.service)).map((i) => i.secret)).toEqual([old]);
  });

  it('a revoked new token is exit 1 and the old one stays', async () => {
    const v = vault();
    const old = tokenAt();
    await addOk(v, old, ['--name', 'acme']);
    const before = vaultText(v);
    const revoked = tokenAt({ identity: 'internal', revoked: true });
    const r = await cli(v, ['rotate', 'acme'], { input: `${revoked}\n` });
    expect(r.code).toBe(1);
    expect(expectOneErrorLine(r)).toMatch(/Not rotated/);
    expect((await getSecret(v, 'acme')).stdout).toBe(old);
    expect(vaultText(v)).toBe(before);
    expect((await keychainItems(v.service)).map((i) => i.secret)).toEqual([old]);
  });

  it('a new token Notion cannot decide on (500) is exit 4 with one line, and the old one stays', async () => {
    const v = vault();
    const old = tokenAt();
    await addOk(v, old, ['--name', 'acme']);
    const before = vaultText(v);
    const undecided = tokenAt({ identity: 'internal', fail: { http: 500 } });
    const r = await cli(v, ['rotate', 'acme'], { input: `${undecided}\n` });
    expect(r.code).toBe(4);
    expect(expectOneErrorLine(r)).toMatch(/Not rotated/);
    expect((await getSecret(v, 'acme')).stdout).toBe(old);
    expect(vaultText(v)).toBe(before);
  });

  it('rotating to the same token, or an unknown name, is exit 2', async () => {
    const v = vault();
    const old = tokenAt();
    await addOk(v, old, ['--name', 'acme']);
    const same = await cli(v, ['rotate', 'acme'], { input: `${old}\n` });
    expect(same.code).toBe(2);
    expectOneErrorLine(same);
    const unknown = await cli(v, ['rotate', 'nope'], { input: `${tokenAt()}\n` });
    expect(unknown.code).toBe(2);
    expect(expectOneErrorLine(unknown)).toContain('"nope"');
    expect((await getSecret(v, 'acme')).stdout).toBe(old);
  });
});

describe.concurrent('doctor', () => {
  it('exits 0 with the keychain working and Notion answering', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, ['doctor']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ok\s+keychain/);
    expect(r.stdout).toMatch(/ok\s+data dir\s.*\b1 entr/);
    expect(r.stdout).toMatch(/ok\s+notion/);
    const json = await cli(v, ['doctor', '--json']);
    expect(json.code).toBe(0);
    const { findings } = JSON.parse(json.stdout) as { findings: { ok: boolean; what: string }[] };
    expect(findings.map((f) => f.what)).toEqual(['keychain', 'data dir', 'notion', 'notifier', 'app log']);
    expect(findings.every((f) => f.ok)).toBe(true);
    // Where the tray app writes its log: Electron's logs folder as main sets it, never the vault folder.
    const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
    expect(r.stdout).toContain(`app log    ${join(config, 'Notion Token Vault', 'logs', 'main.log')}`);
  });
});

describe.concurrent('without a keychain (no D-Bus session): exit 3 with the fix', () => {
  /** Only PATH, HOME and the vault's own variables: no DBUS_SESSION_BUS_ADDRESS, no DISPLAY. */
  const bare = (v: VaultEnv): RunOptions => ({
    bareEnv: true,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...v.env },
  });

  it('add exits 3, leaves vault.json byte-identical and sends nothing to Notion', async () => {
    const v = vault();
    const first = tokenAt();
    await addOk(v, first, ['--name', 'acme']);
    const before = readFileSync(vaultPath(v));

    const token = tokenAt();
    const r = await runCli(['add', '--name', 'second'], { ...bare(v), input: `${token}\n` });
    expect(r.code).toBe(3);
    expect(expectOneErrorLine(r)).toMatch(/gnome-keyring/);
    expect(r.stderr).not.toContain(bodyOf(token).slice(0, 12));
    expect(readFileSync(vaultPath(v)).equals(before)).toBe(true);
    expect(notion().requests(token)).toEqual([]);
    expect((await listEntries(v)).map((e) => e.name)).toEqual(['acme']);
  });

  it('get exits 3 with one line and prints nothing', async () => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await runCli(['get', 'acme'], { ...bare(v), printsSecret: true });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(expectOneErrorLine(r)).toMatch(/gnome-keyring/);
  });

  it('doctor exits 3 and says how to get a keychain', async () => {
    const v = vault();
    const r = await runCli(['doctor'], bare(v));
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/FAIL\s+keychain\s.*gnome-keyring/);
    expect(r.stdout).toMatch(/ok\s+notion/);
  });
});

describe.concurrent('NOTION_VAULT_NOW', () => {
  it.each([['list'], ['status'], ['get', 'acme']])('that is not a date makes %s exit 2 with one line', async (...args) => {
    const v = vault();
    await addOk(v, tokenAt(), ['--name', 'acme']);
    const r = await cli(v, args, { env: { NOTION_VAULT_NOW: 'tomorrow-ish' }, printsSecret: args[0] === 'get' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneErrorLine(r)).toBe('notion-vault: NOTION_VAULT_NOW is not a date: use ISO 8601, e.g. 2026-05-01T09:00:00Z, or unset it.');
  });
});

describe.concurrent('help and usage errors', () => {
  const helps: [string, string[]][] = [
    ['add', ['--name', '--kind', '--workspace', '--expires', '--expires-in', '--created', '--no-check', '--json']],
    ['list', ['--json']],
    ['status', ['--json']],
    ['check', ['[names...]', '--json']],
    ['get', ['[name]', '--fresh']],
    ['run', ['[name]', '[command...]', '--env', '--env-file', '--fresh', '--no-masking']],
    ['export', ['[name]', '--format', '--env', '--fresh']],
    ['inject', ['--input', '--output', '--force', '--fresh']],
    ['link', ['<name>']],
    ['log', ['[name]', '--since', '--json']],
    ['mcp', ['[name]', '--client', '--env']],
    ['env', ['<name>', '[vars...]', '--reset']],
    ['rename', ['<old>', '<new>']],
    ['remove', ['<name>']],
    ['rotate', ['<name>', '--expires', '--expires-in', '--created', '--no-check', '--json']],
    ['doctor', ['--json']],
  ];

  it.each(helps)('%s --help exits 0 and lists its options', async (command, options) => {
    const v = vault();
    const r = await cli(v, [command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: notion-vault ${command}`);
    for (const option of options) expect(r.stdout).toContain(option);
    expect(vaultText(v)).toBeNull();
  });

  it('--help lists every command', async () => {
    const r = await cli(vault(), ['--help']);
    expect(r.code).toBe(0);
    for (const [command] of helps) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('an unknown command or flag exits 2', async () => {
    const v = vault();
    const command = await cli(v, ['bogus']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'bogus'");
    const flag = await cli(v, ['list', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    expect(flag.stdout).toBe('');
  });

  it('a parser usage error is one line on stderr, and does not send the user to another command\'s help', async () => {
    const v = vault();
    for (const args of [['bogus'], ['list', '--bogus'], ['export', 'acme', '--format', 'xml'], ['rename', 'a']]) {
      const r = await cli(v, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toContain('add --help');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
