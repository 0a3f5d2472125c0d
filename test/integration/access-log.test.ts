// The access log (a line per secret that leaves the vault), "last used", the unused flag, and
// --fresh: the built CLI as a subprocess, the real keychain, the emulator.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { ACCESS_LOG_MAX_BYTES } from '../../electron/core/handout/access-log';
import { CLI, fakeToken, makeVaultEnv, runCli, type CliResult, type RunOptions, type VaultEnv } from '../support/cli';
import { collect } from '../support/collect';
import { connectApproved, registerIntegration, registerIssuedTokens } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
let issuedWatched = false;

function vault(extra: Record<string, string> = {}): VaultEnv {
  if (!issuedWatched) {
    registerIssuedTokens(notion());
    issuedWatched = true;
  }
  return makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_BROWSER: 'none', ...extra });
}

const cli = (v: VaultEnv, args: readonly string[], options: RunOptions = {}): Promise<CliResult> => runCli(args, { ...options, env: { ...v.env, ...options.env } });

async function stored(v: VaultEnv, name: string, env: Record<string, string> = {}): Promise<string> {
  const token = fakeToken();
  notion().setToken(token, { identity: 'internal', workspaceName: 'Acme' });
  const r = await cli(v, ['add', '--name', name], { input: `${token}\n`, env });
  if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}`);
  return token;
}

interface Line {
  at: string;
  entryId: string;
  name: string;
  action: string;
  program: string | null;
  pid: number | null;
}

const logPath = (v: VaultEnv): string => join(v.home, 'access.log');
const logLines = (v: VaultEnv, path = logPath(v)): Line[] =>
  existsSync(path) ? readFileSync(path, 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line) : [];

/** notion-vault started by a shell script (so its parent is `sh`), the way scripts call it. */
async function fromShell(v: VaultEnv, args: readonly string[]): Promise<CliResult> {
  const child = spawn('sh', ['-c', '"$@"; exit $?', 'sh', process.execPath, CLI, ...args], { env: { ...process.env, ...v.env } });
  const { code, stdout, stderr } = await collect(child);
  return { code: code ?? 1, stdout, stderr };
}

async function listed(v: VaultEnv, env: Record<string, string> = {}): Promise<(Entry & { lastUsedAt: string | null })[]> {
  return (JSON.parse((await cli(v, ['list', '--json'], { env })).stdout) as { entries: (Entry & { lastUsedAt: string | null })[] }).entries;
}

describe.concurrent('the access log', () => {
  it('get, export, run and inject each write one line: the action, the program, its pid; never the token; 0600', async () => {
    const v = vault();
    const token = await stored(v, 'acme');
    const [{ id }] = await listed(v) as [Entry];
    expect((await fromShell(v, ['get', 'acme'])).stdout).toBe(token);
    expect((await fromShell(v, ['export', 'acme'])).code).toBe(0);
    const run = await cli(v, ['run', 'acme', '--', 'sh', '-c', 'echo $$']);
    expect(run.code, run.stderr).toBe(0);
    const template = join(v.home, 'in.tpl');
    writeFileSync(template, 'token={{ notion-vault://acme }}\n');
    expect((await fromShell(v, ['inject', '-i', template])).code).toBe(0);

    const lines = logLines(v);
    expect(lines.map((l) => [l.action, l.program])).toEqual([['get', 'sh'], ['export', 'sh'], ['run', 'sh'], ['inject', 'sh']]);
    expect(lines.every((l) => l.entryId === id && l.name === 'acme' && typeof l.pid === 'number')).toBe(true);
    expect(lines[2]?.pid).toBe(Number(run.stdout.trim())); // run's line names the child it started
    expect(readFileSync(logPath(v), 'utf8')).not.toContain(token);
    expect(statSync(logPath(v)).mode & 0o777).toBe(0o600);
    // Reading the vault is not a hand-out.
    await cli(v, ['list']);
    await cli(v, ['status']);
    expect(logLines(v)).toHaveLength(4);
  });

  it('log shows it, filtered by token and --since; list and status say when each token was last used', async () => {
    const v = vault({ NOTION_VAULT_NOW: '2026-03-01T10:00:00Z' });
    await stored(v, 'acme');
    await stored(v, 'beta');
    await cli(v, ['get', 'acme'], { printsSecret: true });
    await cli(v, ['get', 'beta'], { printsSecret: true, env: { NOTION_VAULT_NOW: '2026-03-05T10:00:00Z' } });
    await cli(v, ['get', 'acme'], { printsSecret: true, env: { NOTION_VAULT_NOW: '2026-03-06T10:00:00Z' } });

    const all = await cli(v, ['log']);
    expect(all.stdout.split('\n')[0]).toMatch(/^TIME\s+TOKEN\s+ACTION\s+PROGRAM\s+PID\s+REQUEST$/);
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(4);
    const acme = JSON.parse((await cli(v, ['log', 'acme', '--json'])).stdout) as { accesses: Line[] };
    expect(acme.accesses.map((l) => l.at)).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-06T10:00:00.000Z']);
    const since = JSON.parse((await cli(v, ['log', '--since', '2026-03-05', '--json'])).stdout) as { accesses: Line[] };
    expect(since.accesses.map((l) => l.name)).toEqual(['beta', 'acme']);
    expect((await cli(v, ['log', '--since', 'soon'])).code).toBe(2);

    const later = { NOTION_VAULT_NOW: '2026-03-08T10:00:00Z' };
    expect((await listed(v, later)).map((e) => [e.name, e.lastUsedAt])).toEqual([['acme', '2026-03-06T10:00:00.000Z'], ['beta', '2026-03-05T10:00:00.000Z']]);
    const table = (await cli(v, ['list'], { env: later })).stdout;
    expect(table).toMatch(/^acme .* 2 days ago$/m);
    expect(table).toMatch(/^beta .* 3 days ago$/m);
  });

  it('flags a token nothing used for 90 days (the setting) with the least-privilege fix, from the 90th day on', async () => {
    const v = vault({ NOTION_VAULT_NOW: '2026-01-01T00:00:00Z' });
    await stored(v, 'acme');
    await stored(v, 'idle');
    await cli(v, ['get', 'acme'], { printsSecret: true, env: { NOTION_VAULT_NOW: '2026-03-01T00:00:00Z' } });
    const at = async (now: string): Promise<Record<string, string | null>> => {
      const json = JSON.parse((await cli(v, ['status', '--json'], { env: { NOTION_VAULT_NOW: now } })).stdout) as { entries: { name: string; unused: string | null }[] };
      return Object.fromEntries(json.entries.map((e) => [e.name, e.unused]));
    };
    expect(await at('2026-03-31T00:00:00Z')).toEqual({ acme: null, idle: null }); // 89 days after the add
    expect(await at('2026-04-02T00:00:00Z')).toEqual({ acme: null, idle: 'not used for 91 days: if nothing needs it, revoke it in Notion and remove it' });
    const human = await cli(v, ['status'], { env: { NOTION_VAULT_NOW: '2026-04-02T00:00:00Z' } });
    expect(human.code).toBe(0); // advice, not a failure
    expect(human.stdout).toMatch(/^idle .*not used for 91 days: if nothing needs it, revoke it in Notion and remove it$/m);
    // 60 days after acme's get, with the setting at 60: acme too.
    const settings = JSON.parse(readFileSync(join(v.home, 'vault.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(v.home, 'vault.json'), JSON.stringify({ ...settings, settings: { unusedDays: 60 } }));
    expect((await at('2026-04-30T00:00:00Z')).acme).toBe('not used for 60 days: if nothing needs it, revoke it in Notion and remove it');
  });

  it('caps the log at 1 MB with one rotated file; the last use from a dropped file lives on in vault.json', async () => {
    const v = vault({ NOTION_VAULT_NOW: '2026-05-01T00:00:00Z' });
    const token = await stored(v, 'acme');
    await stored(v, 'old');
    const entries = await listed(v);
    const old = entries.find((e) => e.name === 'old');
    const filler = (at: string, name: string, id: string): string => {
      const line = `${JSON.stringify({ at, entryId: id, name, action: 'get', program: 'cron', pid: 42 })}\n`;
      return line.repeat(Math.ceil(ACCESS_LOG_MAX_BYTES / line.length));
    };
    // A full log whose only use of `old` is in it; the next hand-out rotates it.
    writeFileSync(logPath(v), filler('2026-04-01T00:00:00.000Z', 'old', old?.id ?? ''), { mode: 0o600 });
    await cli(v, ['get', 'acme'], { printsSecret: true });
    expect(logLines(v)).toHaveLength(1);
    expect(logLines(v, `${logPath(v)}.1`).every((l) => l.name === 'old')).toBe(true);
    // Full again with others' uses: rotating drops the file that held `old`'s.
    writeFileSync(logPath(v), filler('2026-04-20T00:00:00.000Z', 'acme', entries.find((e) => e.name === 'acme')?.id ?? ''), { mode: 0o600 });
    await cli(v, ['get', 'acme'], { printsSecret: true });
    expect(readFileSync(`${logPath(v)}.1`, 'utf8')).not.toContain('"old"');
    expect((await listed(v)).find((e) => e.name === 'old')?.lastUsedAt).toBe('2026-04-01T00:00:00.000Z');
    expect(readFileSync(`${logPath(v)}.1`, 'utf8') + readFileSync(logPath(v), 'utf8')).not.toContain(token);
  });

  it('a log it cannot write never stops a hand-out, and is said once, in one line', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    const beta = await stored(v, 'beta');
    mkdirSync(logPath(v)); // not a file
    const get = await cli(v, ['get', 'acme'], { printsSecret: true });
    expect(get.code).toBe(0);
    expect(get.stdout).toBe(acme);
    expect(get.stderr).toMatch(/^notion-vault: Cannot use .*access\.log: it is not a regular file \(a folder\).*; the token was handed out, but this is not in the access log\.\n$/);
    // Two tokens handed out to one command: still one line.
    const run = await cli(v, ['run', '--', 'sh', '-c', 'test -n "$A$B"'], { env: { A: 'notion-vault://acme', B: 'notion-vault://beta' } });
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(beta);
  });
});

describe.concurrent('--fresh', () => {
  it('an OAuth entry whose access token Notion rejects is refreshed once, and the new token is handed out', async () => {
    const v = vault();
    const app = await registerIntegration(notion(), v);
    await connectApproved(v, ['--integration', app.name, '--name', 'acme']);
    const old = notion().currentPair(app.clientId);
    notion().expireAccessToken(old?.access ?? '');
    const refreshes = (): number => notion().oauthTokenCalls().filter((c) => c.clientId === app.clientId && c.grantType === 'refresh_token').length;

    const offline = await cli(v, ['get', 'acme'], { printsSecret: true });
    expect(offline.stdout).toBe(old?.access); // without --fresh: no network, as stored
    expect(refreshes()).toBe(0);
    const fresh = await cli(v, ['get', 'acme', '--fresh'], { printsSecret: true });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(refreshes()).toBe(1);
    expect(fresh.stdout).toBe(notion().currentPair(app.clientId)?.access);
    expect(fresh.stdout).not.toBe(old?.access);
    const ran = await cli(v, ['run', 'acme', '--fresh', '--', 'sh', '-c', 'test "$NOTION_TOKEN" = "$EXPECTED"'], { env: { EXPECTED: fresh.stdout } });
    expect(ran.code).toBe(0);
    expect(refreshes()).toBe(1); // still accepted: no second refresh
  });

  it('a token Notion rejects is not handed out (exit 1); Notion unreachable: exit 4', async () => {
    const v = vault();
    const token = await stored(v, 'acme');
    notion().revoke(token);
    const rejected = await cli(v, ['get', 'acme', '--fresh']);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr).toMatch(/^notion-vault: Notion rejects "acme" \(.+\); nothing was handed out\.\n$/);
    const offline = await cli(v, ['export', 'acme', '--fresh'], { env: { NOTION_API_BASE_URL: 'http://127.0.0.1:9' } });
    expect(offline.code).toBe(4);
    expect(offline.stdout).toBe('');
  });
});
