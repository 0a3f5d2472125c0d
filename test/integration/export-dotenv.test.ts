// `export --format dotenv` as a .env file is used: sourced by a POSIX shell (`set -a; . ./.env`)
// and read by a dotenv parser (Node's own, util.parseEnv). A token stored with --no-check (or
// offline) can hold anything printable: the file must give back exactly the token and run nothing.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeVaultEnv, registerSecret, runCli, type VaultEnv } from '../support/cli';

/** A --no-check token around `core`: long enough to be taken as a token, unique per test. */
const tokenWith = (core: string): string => registerSecret(`ntn_${core}${Math.random().toString(36).slice(2, 12)}x7Kq2Lm9Pw`);

async function stored(core: string): Promise<{ v: VaultEnv; token: string }> {
  const v = makeVaultEnv();
  const token = tokenWith(core);
  const added = await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'acme'], { env: v.env, input: `${token}\n` });
  expect(added.code, added.stderr).toBe(0);
  return { v, token };
}

/** `sh` sources the file with `set -a` in a folder of its own, and prints the variable. */
function sourced(dir: string, variable: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', `set -a; . ./.env; printf %s "$${variable}"`], { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`sh failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

describe.concurrent('export --format dotenv', () => {
  const hostile = [
    ['command substitution', '$(touch${IFS}PWNED)'],
    ['backticks', '`touch${IFS}PWNED`'],
    ['a variable and double quotes', 'a"$HOME"b'],
    ['backslashes', 'a\\b\\$c\\"d'],
    ['a hash, & and |', 'a#b&touch${IFS}PWNED|c'],
  ] as const;

  for (const [what, core] of hostile) {
    it(`a token holding ${what}: sh and dotenv parsers read back the token, and nothing runs`, async () => {
      const { v, token } = await stored(core);
      const r = await runCli(['export', 'acme', '--format', 'dotenv'], { env: v.env, printsSecret: true });
      expect(r.code, r.stderr).toBe(0);
      // Outside the test artifacts: the file holds the token by design, and the leak scan looks there.
      const dir = mkdtempSync(join(tmpdir(), 'notion-vault-dotenv-'));
      try {
        writeFileSync(join(dir, '.env'), r.stdout);
        expect(await sourced(dir, 'NOTION_TOKEN')).toBe(token);
        expect(await sourced(dir, 'NOTION_API_KEY')).toBe(token);
        expect(existsSync(join(dir, 'PWNED')), 'sourcing the file ran a command').toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(parseEnv(r.stdout)).toEqual({ NOTION_TOKEN: token, NOTION_API_KEY: token });
      // Single quotes: literal for shells and for dotenv parsers alike.
      expect(r.stdout).toBe(`NOTION_TOKEN='${token}'\nNOTION_API_KEY='${token}'\n`);
    });
  }

  const refused = [
    ['a single quote', "a'b"],
    ['two backslashes in a row', 'a\\\\b'],
  ] as const;

  for (const [what, core] of refused) {
    it(`a token holding ${what} is refused: exit 2, one line naming why and what to use, no secret`, async () => {
      const { v, token } = await stored(core);
      const r = await runCli(['export', 'acme', '--format', 'dotenv'], { env: v.env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(what);
      expect(r.stderr).toMatch(/--format env.*json|notion-vault run/);
      expect(r.stderr).not.toContain(token);
    });
  }

  it('a token ending in a backslash is refused (a dotenv parser would read it as an escaped quote)', async () => {
    const v = makeVaultEnv();
    const token = registerSecret('ntn_x7Kq2Lm9Pwa8Rt5Yu3Io\\');
    expect((await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'acme'], { env: v.env, input: `${token}\n` })).code).toBe(0);
    const r = await runCli(['export', 'acme', '--format', 'dotenv'], { env: v.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ends with a backslash');
    expect(r.stderr).not.toContain(token);
  });
});
