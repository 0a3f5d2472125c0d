// Where the CLI's standard output leads: a pipe, a file, a terminal, a reader that goes away.
// `get` writes its token to file descriptor 1 without building process.stdout (electron/cli/stdout.ts);
// these hold it to what a script and a person see. The built CLI as a subprocess, the real keychain.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, fakeToken, makeVaultEnv, runCli, type VaultEnv } from '../support/cli';
import { collect } from '../support/collect';

async function vaultWith(count: number): Promise<{ v: VaultEnv; tokens: string[] }> {
  const v = makeVaultEnv();
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = fakeToken();
    const r = await runCli(['add', '--name', `t${String(i)}`, '--no-check', '--kind', 'internal'], { env: v.env, input: `${token}\n` });
    if (r.code !== 0) throw new Error(`add: ${r.stderr}`);
    tokens.push(token);
  }
  return { v, tokens };
}

/** The CLI with its stdout read for a moment and then closed, as `| head -1` does. */
async function readerGoesAway(v: VaultEnv, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...v.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // before the CLI has started: its first write meets a closed pipe (EPIPE)
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stderr };
}

describe.concurrent('standard output', () => {
  it('get into a pipe: the token alone, no newline, nothing on stderr', async () => {
    const { v, tokens } = await vaultWith(1);
    const r = await runCli(['get', 't0'], { env: v.env, printsSecret: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(tokens[0]);
    expect(r.stderr).toBe('');
  });

  it('get into a file: exactly the token', async () => {
    const { v, tokens } = await vaultWith(1);
    const file = join(mkdtempSync(join(tmpdir(), 'notion-vault-out-')), 'token.txt');
    const fd = openSync(file, 'w', 0o600);
    try {
      const child = spawn(process.execPath, [CLI, 'get', 't0'], { env: { ...process.env, ...v.env }, stdio: ['ignore', fd, 'ignore'] });
      expect(await new Promise((done) => child.on('close', done))).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(tokens[0]);
  });

  it('a reader that goes away before get writes: exit 0, not a word', async () => {
    const { v } = await vaultWith(1);
    expect(await readerGoesAway(v, ['get', 't0'])).toEqual({ code: 0, stderr: '' });
  });

  it('a reader that goes away before list writes (list | head -1): exit 0, not a word', async () => {
    const { v } = await vaultWith(2);
    expect(await readerGoesAway(v, ['list'])).toEqual({ code: 0, stderr: '' });
    expect(await readerGoesAway(v, ['list', '--json'])).toEqual({ code: 0, stderr: '' });
  });

  // `script` (util-linux) gives the CLI a terminal of its own, as a person's shell would.
  it.skipIf(process.platform !== 'linux')('get on a terminal ends the line, so the prompt does not run on after the token', async () => {
    const { v, tokens } = await vaultWith(1);
    const child = spawn('script', ['-qec', `${process.execPath} ${CLI} get t0`, '/dev/null'], { env: { ...process.env, ...v.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const { code, stdout } = await collect(child);
    expect(code).toBe(0);
    expect(stdout).toBe(`${tokens[0] ?? ''}\r\n`); // the terminal turns the newline into CR LF
  });
});
