import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { runShellCli } from '../support/shell-cli';

// Robustness of vault.json and its lock against concurrency, missing keychains, corrupt or
// newer files, file modes, stale locks and failed writes. Everything goes through the built CLI.

interface ListedEntry {
  id: string;
  name: string;
}

const vaultPath = (env: VaultEnv): string => join(env.home, 'vault.json');
const lockPath = (env: VaultEnv): string => join(env.home, 'vault.json.lock');

async function listEntries(env: VaultEnv): Promise<ListedEntry[]> {
  const result = await runCli(['list', '--json'], { env: env.env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { entries: ListedEntry[] }).entries;
}

async function addEntry(env: VaultEnv, name: string, token: string): Promise<CliResult> {
  return runCli(['add', '--no-check', '--kind', 'internal', '--name', name], { env: env.env, input: token });
}

async function addOk(env: VaultEnv, name: string): Promise<string> {
  const token = fakeToken();
  const result = await addEntry(env, name, token);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return token;
}

async function getSecret(env: VaultEnv, name: string): Promise<CliResult> {
  return runCli(['get', name], { env: env.env, printsSecret: true });
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

/** Keychain accounts under a service, from the real Secret Service (secret values are never kept). */
function keychainAccounts(service: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['search', '--all', 'service', service], (error, stdout, stderr) => {
      // secret-tool exits 1 when nothing matches.
      if (error && error.code !== 1) {
        reject(new Error(`secret-tool failed: ${error.message}`));
        return;
      }
      const accounts = `${stdout}\n${stderr}`
        .split('\n')
        .map((l) => /^attribute\.account = (.+)$/.exec(l.trim())?.[1])
        .filter((a): a is string => a !== undefined);
      resolve([...new Set(accounts)].sort());
    });
  });
}

describe('robustness: concurrent writers', () => {
  it('20 concurrent adds lose nothing', async () => {
    const env = makeVaultEnv();
    const names = Array.from({ length: 20 }, (_, i) => `t${String(i + 1)}`);
    const tokens = new Map(names.map((n) => [n, fakeToken()]));
    const results = await Promise.all(names.map((n) => addEntry(env, n, tokens.get(n) ?? '')));
    results.forEach((r, i) => {
      expect({ name: names[i], code: r.code, stderr: r.stderr }).toEqual({ name: names[i], code: 0, stderr: '' });
    });

    const entries = await listEntries(env);
    expect(entries).toHaveLength(20);
    expect(entries.map((e) => e.name).sort()).toEqual([...names].sort());
    expect(new Set(entries.map((e) => e.id)).size).toBe(20);

    const secrets = await Promise.all(names.map((n) => getSecret(env, n)));
    secrets.forEach((r, i) => {
      const name = names[i] ?? '';
      expect(r.code, `get ${name}`).toBe(0);
      expect(r.stdout === tokens.get(name), `get ${name} returns its own token`).toBe(true);
    });
    expect(existsSync(lockPath(env))).toBe(false);
  }, 60_000);
});

describe('robustness: no keychain', () => {
  it('add, get, remove and rotate exit 3 with one line and leave vault.json untouched', async () => {
    const env = makeVaultEnv();
    const oldToken = await addOk(env, 'one');
    const before = readFileSync(vaultPath(env));
    const dirBefore = readdirSync(env.home).sort();
    const userHome = `${env.home}-user`;
    mkdirSync(userHome, { recursive: true });
    // No DBUS_SESSION_BUS_ADDRESS, no DISPLAY: no Secret Service can be reached.
    const bare = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: userHome, NOTION_VAULT_HOME: env.home, NOTION_VAULT_SERVICE: env.service };

    const runs: [string, readonly string[], string | undefined][] = [
      ['add', ['add', '--no-check', '--kind', 'internal', '--name', 'two'], fakeToken()],
      ['get', ['get', 'one'], undefined],
      ['remove', ['remove', 'one'], undefined],
      ['rotate', ['rotate', '--no-check', 'one'], fakeToken()],
    ];
    for (const [what, args, input] of runs) {
      const result = await runCli(args, { env: bare, bareEnv: true, input, printsSecret: what === 'get' });
      expect({ what, code: result.code }).toEqual({ what, code: 3 });
      expect(lines(result.stderr), `${what} stderr: ${result.stderr}`).toHaveLength(1);
      expect(result.stderr).toMatch(/gnome-keyring/);
      expect(result.stdout).toBe('');
      expect(readFileSync(vaultPath(env)).equals(before), `${what} left vault.json byte-identical`).toBe(true);
      expect(existsSync(lockPath(env)), `${what} left no lock file`).toBe(false);
      expect(readdirSync(env.home).sort()).toEqual(dirBefore);
    }

    // With the keychain back, nothing was lost.
    const back = await getSecret(env, 'one');
    expect(back.code).toBe(0);
    expect(back.stdout === oldToken).toBe(true);
  }, 30_000);
});

describe('robustness: unreadable vault.json', () => {
  const corruptFiles = (env: VaultEnv): string[] => readdirSync(env.home).filter((f) => f.startsWith('vault.json.corrupt-')).sort();

  const garbage: [string, Buffer][] = [
    ['binary garbage', Buffer.concat([Buffer.from('{"schemaVersion":1,"entr'), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0a, 0x7b])])],
    ['an empty file', Buffer.alloc(0)],
    ['valid JSON of the wrong shape', Buffer.from('{"schemaVersion":1,"entries":[{"id":42}]}\n')],
    ['JSON null', Buffer.from('null')],
  ];

  it.each(garbage)('%s is moved aside byte for byte, list says so in one line, and add works after', async (_what, bytes) => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    writeFileSync(vaultPath(env), bytes, { mode: 0o600 });

    const listed = await runCli(['list'], { env: env.env });
    expect(listed.code).toBe(0);
    expect(lines(listed.stderr), listed.stderr).toHaveLength(1);
    expect(listed.stderr).toMatch(/moved it to .*vault\.json\.corrupt-/);
    const aside = corruptFiles(env);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(env.home, aside[0] ?? '')).equals(bytes)).toBe(true);
    expect(existsSync(lockPath(env))).toBe(false);

    await addOk(env, 'after');
    expect((await listEntries(env)).map((e) => e.name)).toEqual(['after']);
    expect(corruptFiles(env)).toEqual(aside);
    expect(readFileSync(join(env.home, aside[0] ?? '')).equals(bytes)).toBe(true);
  });

  it('five commands meeting one corrupt file move it aside once and say so once', async () => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    const bytes = Buffer.from('{{{ not json');
    writeFileSync(vaultPath(env), bytes, { mode: 0o600 });
    const results = await Promise.all(Array.from({ length: 5 }, () => runCli(['list', '--json'], { env: env.env })));
    for (const r of results) expect(r.code).toBe(0);
    expect(results.flatMap((r) => lines(r.stderr))).toHaveLength(1);
    const aside = corruptFiles(env);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(env.home, aside[0] ?? '')).equals(bytes)).toBe(true);
  });

  it('a second corrupt file never replaces the first copy, even under a fixed NOTION_VAULT_NOW', async () => {
    const env = makeVaultEnv({ NOTION_VAULT_NOW: '2026-05-01T09:00:00Z' });
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    const first = Buffer.from('first garbage');
    const second = Buffer.from('second garbage');
    writeFileSync(vaultPath(env), first);
    expect((await runCli(['list'], { env: env.env })).code).toBe(0);
    writeFileSync(vaultPath(env), second);
    expect((await runCli(['list'], { env: env.env })).code).toBe(0);
    const kept = corruptFiles(env).map((f) => readFileSync(join(env.home, f)).toString('latin1')).sort();
    expect(kept, 'both corrupt copies are kept').toEqual(['first garbage', 'second garbage']);
  });

  it('a vault.json from a newer schema is refused with exit 2, asks to update, and is left untouched', async () => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    const bytes = Buffer.from('{\n  "schemaVersion": 99,\n  "entries": [],\n  "fromTheFuture": true\n}\n');
    writeFileSync(vaultPath(env), bytes, { mode: 0o600 });

    const listed = await runCli(['list', '--json'], { env: env.env });
    expect(listed.code).toBe(2);
    expect(lines(listed.stderr)).toHaveLength(1);
    expect(listed.stderr).toMatch(/newer/);
    expect(listed.stderr).toMatch(/update notion-vault/);

    const added = await addEntry(env, 'new', fakeToken());
    expect(added.code).toBe(2);
    expect(lines(added.stderr)).toHaveLength(1);
    expect(added.stderr).toMatch(/update notion-vault/);

    expect(readFileSync(vaultPath(env)).equals(bytes)).toBe(true);
    expect(readdirSync(env.home)).toEqual(['vault.json']);
    expect(await keychainAccounts(env.service)).toEqual([]);
  });
});

describe('robustness: file modes', () => {
  const mode = (path: string): number => statSync(path).mode & 0o777;

  it.each(['022', '000'])('a new data dir is 0700 and vault.json 0600 under umask %s', async (umask) => {
    const env = makeVaultEnv();
    const result = await runShellCli(['add', '--no-check', '--kind', 'internal', '--name', 'm'], env.env, `umask ${umask}`, fakeToken());
    expect(result.code).toBe(0);
    expect(mode(env.home).toString(8)).toBe('700');
    expect(mode(vaultPath(env)).toString(8)).toBe('600');
  });

  it('a pre-existing 0755 data dir and 0644 vault.json are tightened by a save', async () => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true });
    chmodSync(env.home, 0o755);
    writeFileSync(vaultPath(env), '{"schemaVersion":1,"entries":[]}\n');
    chmodSync(vaultPath(env), 0o644);
    const result = await runShellCli(['add', '--no-check', '--kind', 'internal', '--name', 'm'], env.env, 'umask 022', fakeToken());
    expect(result.code).toBe(0);
    expect(mode(env.home).toString(8)).toBe('700');
    expect(mode(vaultPath(env)).toString(8)).toBe('600');
  });
});

describe('robustness: stale and live locks', () => {
  // The lock timeout is 15 s; runCli kills the CLI after 10 s, so waiting out a lock fails these tests.
  const within10s = { timeoutMs: 10_000 };

  function deadPid(): number {
    const done = spawnSync('true');
    if (done.status !== 0) throw new Error('could not run `true`');
    return done.pid;
  }

  const lockCases: [string, () => string, Date | null][] = [
    ['names a pid that has exited', () => `${String(deadPid())} ${randomUUID()}`, null],
    ['is empty', () => '', null],
    ['holds no pid', () => 'not a lock owner', null],
    ['names a live pid but is 10 minutes old (pid reuse)', () => `${String(process.pid)} ${randomUUID()}`, new Date(Date.now() - 10 * 60_000)],
  ];

  it.each(lockCases)('a lock file that %s is broken at once', async (_what, owner, mtime) => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    writeFileSync(lockPath(env), owner(), { mode: 0o600 });
    if (mtime) utimesSync(lockPath(env), mtime, mtime);
    const token = fakeToken();
    const result = await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'after-stale'], { env: env.env, input: token, ...within10s });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await listEntries(env)).map((e) => e.name)).toEqual(['after-stale']);
    expect(existsSync(lockPath(env))).toBe(false);
  });

  it('a lock held by a live process is waited for, and taken once it is released', async () => {
    const env = makeVaultEnv();
    mkdirSync(env.home, { recursive: true, mode: 0o700 });
    const owner = `${String(process.pid)} ${randomUUID()}`;
    writeFileSync(lockPath(env), owner, { mode: 0o600 });
    let finished = false;
    const running = runCli(['add', '--no-check', '--kind', 'internal', '--name', 'waited'], { env: env.env, input: fakeToken() }).then((r) => {
      finished = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished, 'the CLI must not finish while a live process holds the lock').toBe(false);
    expect(readFileSync(lockPath(env), 'utf8'), 'the CLI must not break a live lock').toBe(owner);
    unlinkSync(lockPath(env));
    const result = await running;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await listEntries(env)).map((e) => e.name)).toEqual(['waited']);
    expect(existsSync(lockPath(env))).toBe(false);
  });
});

describe('robustness: a failed write leaves the vault as it was', () => {
  // chmod cannot stop root, so the write is made to fail in a way that holds for any user: a file
  // size limit (ulimit -f, 512-byte blocks in sh) that the lock file fits under and vault.json
  // does not, so the save fails with EFBIG after the keychain step. Node ignores SIGXFSZ.
  const LIMIT = 'ulimit -f 1';

  function runWithBlockedWrite(env: VaultEnv, args: readonly string[], input: string): Promise<CliResult> {
    return runShellCli(args, env.env, LIMIT, input);
  }

  async function setUp(): Promise<{ env: VaultEnv; token: string; before: Buffer; accounts: string[]; files: string[] }> {
    const env = makeVaultEnv();
    const token = await addOk(env, 'one');
    // A second entry keeps vault.json over the limit after a remove of the first.
    await addOk(env, 'keep');
    const before = readFileSync(vaultPath(env));
    expect(before.length, 'vault.json must be larger than the limit').toBeGreaterThan(512);
    const accounts = await keychainAccounts(env.service);
    expect(accounts.length).toBeGreaterThanOrEqual(2);
    return { env, token, before, accounts, files: readdirSync(env.home).sort() };
  }

  function expectCannotUse(result: CliResult, env: VaultEnv): void {
    expect(result.code).toBe(2);
    expect(lines(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toContain(`Cannot use ${vaultPath(env)}`);
  }

  it('add: exit 2, vault.json byte-identical, no orphaned keychain item or temp file', async () => {
    const { env, before, accounts, files } = await setUp();
    const result = await runWithBlockedWrite(env, ['add', '--no-check', '--kind', 'internal', '--name', 'two'], fakeToken());
    expectCannotUse(result, env);
    expect(readFileSync(vaultPath(env)).equals(before)).toBe(true);
    expect(readdirSync(env.home).sort(), 'no lock or temp file left').toEqual(files);
    expect(await keychainAccounts(env.service)).toEqual(accounts);
    expect((await listEntries(env)).map((e) => e.name).sort()).toEqual(['keep', 'one']);
  });

  it('rename and remove: exit 2, vault.json byte-identical, the secret still there', async () => {
    const { env, token, before, accounts, files } = await setUp();
    expectCannotUse(await runWithBlockedWrite(env, ['rename', 'one', 'uno'], ''), env);
    expect(readFileSync(vaultPath(env)).equals(before)).toBe(true);
    expectCannotUse(await runWithBlockedWrite(env, ['remove', 'one'], ''), env);
    expect(readFileSync(vaultPath(env)).equals(before)).toBe(true);
    expect(readdirSync(env.home).sort(), 'no lock or temp file left').toEqual(files);
    expect(await keychainAccounts(env.service)).toEqual(accounts);
    const secret = await getSecret(env, 'one');
    expect(secret.code).toBe(0);
    expect(secret.stdout === token).toBe(true);
  });

  it('a data dir under a file: exit 2 with one "Cannot use" line, and nothing in the keychain', async () => {
    const env = makeVaultEnv();
    mkdirSync(join(env.home, '..'), { recursive: true });
    writeFileSync(`${env.home}-file`, 'not a folder');
    const home = join(`${env.home}-file`, 'vault');
    const result = await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'x'], { env: { ...env.env, NOTION_VAULT_HOME: home }, input: fakeToken() });
    expect(result.code).toBe(2);
    expect(lines(result.stderr), result.stderr).toHaveLength(1);
    expect(result.stderr).toContain(`Cannot use ${home}`);
    expect(await keychainAccounts(env.service)).toEqual([]);
  });

  it('rotate: exit 2, vault.json byte-identical, and the keychain still holds the old token', async () => {
    const { env, token, before, accounts } = await setUp();
    const result = await runWithBlockedWrite(env, ['rotate', '--no-check', 'one'], fakeToken());
    expectCannotUse(result, env);
    expect(readFileSync(vaultPath(env)).equals(before)).toBe(true);
    expect(existsSync(lockPath(env))).toBe(false);
    expect(await keychainAccounts(env.service)).toEqual(accounts);
    const secret = await getSecret(env, 'one');
    expect(secret.code).toBe(0);
    expect(secret.stdout === token, 'a rotate that reported failure must not have replaced the stored token').toBe(true);
  });
});
