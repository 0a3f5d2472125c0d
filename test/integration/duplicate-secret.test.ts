// `add` refuses a secret that is already stored, naming the entry, through the built CLI and the
// real keychain: by the keyed fingerprint beside the entries, and for entries an older build wrote
// (no fingerprint) by reading their secrets. The fingerprint key stays in the keychain.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY_ACCOUNT } from '../../electron/core/vault/secret-fingerprint';
import { fakeToken, makeVaultEnv, registerSecret, runCli, type CliResult, type VaultEnv } from '../support/cli';

const vaultPath = (v: VaultEnv): string => join(v.home, 'vault.json');
const vaultJson = (v: VaultEnv): Record<string, unknown> => JSON.parse(readFileSync(vaultPath(v), 'utf8')) as Record<string, unknown>;

const add = (v: VaultEnv, token: string, name: string): Promise<CliResult> =>
  runCli(['add', '--no-check', '--kind', 'internal', '--name', name], { env: v.env, input: `${token}\n` });

async function addOk(v: VaultEnv, token: string, name: string): Promise<void> {
  const r = await add(v, token, name);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

function expectRefusedAsHeldBy(r: CliResult, holder: string): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`already stored as "${holder}"`);
}

/** A keychain item read behind the CLI's back (never printed). */
function lookup(service: string, account: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['lookup', 'service', service, 'account', account], (error, stdout) => {
      if (error) reject(new Error(`secret-tool lookup failed: ${error.message}`));
      else resolve(stdout);
    });
  });
}

/** What an older build leaves: the same vault.json without fingerprints. */
function forgetFingerprints(v: VaultEnv): void {
  const { fingerprints: _dropped, ...rest } = vaultJson(v);
  writeFileSync(vaultPath(v), `${JSON.stringify(rest, null, 2)}\n`, { mode: 0o600 });
}

describe('add refuses a secret already stored', () => {
  it('by its fingerprint: exit 2 naming the entry; vault.json holds neither the secret nor the key', async () => {
    const v = makeVaultEnv();
    const token = fakeToken();
    await addOk(v, token, 'acme');
    await addOk(v, fakeToken(), 'globex');
    const before = readFileSync(vaultPath(v), 'utf8');
    expectRefusedAsHeldBy(await add(v, token, 'again'), 'acme');
    expect(readFileSync(vaultPath(v), 'utf8')).toBe(before);

    const key = registerSecret((await lookup(v.service, FINGERPRINT_KEY_ACCOUNT)).trim()); // the leak scan looks for it everywhere too
    expect(key.length).toBeGreaterThan(40);
    expect(Object.keys(vaultJson(v).fingerprints as object)).toHaveLength(2);
    expect(before).not.toContain(token.slice(4));
    expect(before).not.toContain(key);
    expect(before).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    const list = await runCli(['list', '--json'], { env: v.env });
    expect(list.stdout).not.toContain('fingerprint');
    expect(list.stdout).not.toContain(key);
  });

  it('held by an entry an older build wrote (no fingerprint): still refused, and fingerprinted by the next add', async () => {
    const v = makeVaultEnv();
    const token = fakeToken();
    await addOk(v, token, 'legacy');
    forgetFingerprints(v);
    expectRefusedAsHeldBy(await add(v, token, 'again'), 'legacy');
    await addOk(v, fakeToken(), 'next');
    const prints = vaultJson(v).fingerprints as Record<string, unknown>;
    const ids = (vaultJson(v).entries as { id: string }[]).map((e) => e.id);
    expect(Object.keys(prints).sort()).toEqual([...ids].sort());
    expectRefusedAsHeldBy(await add(v, token, 'again'), 'legacy');
  });

  it('after a rotation: the new secret is refused naming the entry, the old one may be added again', async () => {
    const v = makeVaultEnv();
    const [before, after] = [fakeToken(), fakeToken()];
    await addOk(v, before, 'acme');
    const rotated = await runCli(['rotate', 'acme', '--no-check'], { env: v.env, input: `${after}\n` });
    expect(rotated.code, rotated.stderr).toBe(0);
    expectRefusedAsHeldBy(await add(v, after, 'again'), 'acme');
    await addOk(v, before, 'old-one');
  });
});
