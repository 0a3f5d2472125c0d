import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { statStamp } from '../../electron/core/vault/list-cache';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { makeVaultEnv, runCli, type VaultEnv } from '../support/cli';
import { entryFixture } from '../support/entry-fixture';

// `list` answers from vault.json.list-cache, which every write leaves beside vault.json: these
// prove the table it prints is the one vault.json gives, that it is used only while vault.json
// is the file it was made from, and that a broken, planted or odd cache is only not used.

const NOW = '2026-06-01T12:00:00.000Z';
const cachePath = (env: VaultEnv): string => join(env.home, 'vault.json.list-cache');
const vaultPath = (env: VaultEnv): string => join(env.home, 'vault.json');

/** Entries of every status list shows, in no order, written as this build writes them (cache too). */
async function writeMixedVault(env: VaultEnv): Promise<void> {
  const entries: Entry[] = [
    entryFixture({ id: 'a', name: 'zeta', workspaceName: 'Globex' }),
    entryFixture({ id: 'b', name: 'alpha', kind: 'pat', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-06-10T00:00:00.000Z' }),
    entryFixture({ id: 'c', name: 'beta', kind: 'pat', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-05-01T00:00:00.000Z' }),
    entryFixture({ id: 'd', name: 'gamma', status: 'invalid', workspaceName: null }),
    entryFixture({ id: 'e', name: 'Ärger \u001b[31mred', status: 'unchecked', workspaceName: 'Ünïcode' }),
    entryFixture({ id: 'f', name: 'delta', kind: 'oauth', status: 'unknown', lastUsedAt: '2026-05-31T12:00:00.000Z' }),
    // Before alpha by code units, after delta by the collator: the cache's order is not list's.
    entryFixture({ id: 'g', name: 'Omega' }),
  ];
  await openVaultFile({ dir: env.home }).update((doc) => {
    doc.entries = entries;
  });
}

async function listTable(env: VaultEnv): Promise<string> {
  const result = await runCli(['list'], { env: { ...env.env, NOTION_VAULT_NOW: NOW } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** A cache naming vault.json as it is now, holding one row of our own: list shows it only if it uses the cache. */
function plantMatchingCache(env: VaultEnv, name: string): void {
  const stamp = statStamp(statSync(vaultPath(env), { bigint: true }));
  const row = ['x', name, 'internal', 'Planted', 'valid', '2026-01-01T00:00:00.000Z', null, null];
  writeFileSync(cachePath(env), JSON.stringify({ version: 1, of: stamp, rows: [row] }), { mode: 0o600 });
}

describe('list cache', () => {
  it('list prints the same table from the cache as from vault.json alone, in the same order', async () => {
    const env = makeVaultEnv();
    await writeMixedVault(env);
    const cached = await listTable(env);
    rmSync(cachePath(env));
    const fromVault = await listTable(env);
    expect(cached).toBe(fromVault);
    const names = fromVault.split('\n').slice(1, -1).map((line) => line.split(/\s{2,}/)[0]);
    expect(names).toEqual(['gamma', 'alpha', 'beta', 'delta', 'Omega', 'zeta', 'Ärger \\x1b[31mred']);
    expect(fromVault).toMatch(/beta\s+Acme\s+pat\s+expired\s+expired 31 days ago/);
    expect(fromVault).toMatch(/alpha\s+Acme\s+pat\s+expiring\s+9 days/);
    expect(fromVault).toMatch(/delta\s+Acme\s+oauth\s+unknown\s+never\s+24 h ago/);
  });

  it('is used while vault.json is the file it was made from, and not once vault.json changes', async () => {
    const env = makeVaultEnv();
    await writeMixedVault(env);
    plantMatchingCache(env, 'from-the-cache');
    expect(await listTable(env)).toContain('from-the-cache');

    // A hand edit in place, of the same length, with the old modification time put back to the
    // nanosecond (touch -r, from a copy of the times taken before): only the change time, which
    // no one can set back, tells it apart.
    const before = statSync(vaultPath(env), { bigint: true });
    const times = join(env.home, '..', `times-${String(before.ino)}`);
    writeFileSync(times, '');
    execFileSync('touch', ['-r', vaultPath(env), times]);
    const text = readFileSync(vaultPath(env), 'utf8');
    writeFileSync(vaultPath(env), text.replace('"name":"zeta"', '"name":"ZETA"'));
    execFileSync('touch', ['-r', times, vaultPath(env)]);
    const after = statSync(vaultPath(env), { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    const table = await listTable(env);
    expect(table).not.toContain('from-the-cache');
    expect(table).toContain('ZETA');
  });

  it('a vault.json replaced by a writer that keeps no cache (an older build) is read itself', async () => {
    const env = makeVaultEnv();
    await writeMixedVault(env);
    expect(await listTable(env)).toContain('zeta');
    const text = readFileSync(vaultPath(env), 'utf8');
    const temp = `${vaultPath(env)}.older-build`;
    writeFileSync(temp, text.replace('"name":"zeta"', '"name":"renamed-elsewhere"'), { mode: 0o600 });
    renameSync(temp, vaultPath(env));
    const table = await listTable(env);
    expect(table).toContain('renamed-elsewhere');
    expect(table).not.toMatch(/^zeta /m);
  });

  it('the next write makes a stale cache current again', async () => {
    const env = makeVaultEnv();
    await writeMixedVault(env);
    plantMatchingCache(env, 'from-the-cache');
    await openVaultFile({ dir: env.home }).update((doc) => {
      doc.entries = doc.entries.filter((e) => e.name !== 'zeta');
    });
    const cache = JSON.parse(readFileSync(cachePath(env), 'utf8')) as { rows: unknown[][] };
    expect(cache.rows.map((r) => r[1]), 'by code units').toEqual(['gamma', 'Omega', 'alpha', 'beta', 'delta', 'Ärger \u001b[31mred']);
    expect(statSync(cachePath(env)).mode & 0o777).toBe(0o600);
  });

  it('a malformed, planted or odd cache is not used: list reads vault.json, says nothing, never hangs', async () => {
    const env = makeVaultEnv();
    await writeMixedVault(env);
    rmSync(cachePath(env));
    const expected = await listTable(env);
    const stamp = statStamp(statSync(vaultPath(env), { bigint: true }));
    const row = (patch: Record<number, unknown>): unknown[] => Object.assign(['x', 'planted', 'internal', 'W', 'valid', '2026-01-01T00:00:00.000Z', null, null], patch);
    const bodies = [
      '',
      '{"version":1,"of":"',
      'null',
      JSON.stringify({ version: 2, of: stamp, rows: [row({})] }),
      JSON.stringify({ version: 1, of: stamp, rows: [row({ 2: 'admin' })] }),
      JSON.stringify({ version: 1, of: stamp, rows: [row({ 4: 'fine' })] }),
      JSON.stringify({ version: 1, of: stamp, rows: [row({ 5: 'yesterday' })] }),
      JSON.stringify({ version: 1, of: stamp, rows: [row({ 1: '' })] }),
      JSON.stringify({ version: 1, of: stamp, rows: [[...row({}), 'extra']] }),
      JSON.stringify({ version: 1, of: stamp, rows: {} }),
    ];
    for (const body of bodies) {
      writeFileSync(cachePath(env), body, { mode: 0o600 });
      expect(await listTable(env), body).toBe(expected);
    }
    rmSync(cachePath(env));
    const elsewhere = join(env.home, '..', `planted-${String(Date.now())}`);
    writeFileSync(elsewhere, JSON.stringify({ version: 1, of: stamp, rows: [row({})] }));
    // The leak scan after the suite reads every file the tests wrote: the link and the FIFO go afterwards.
    try {
      symlinkSync(elsewhere, cachePath(env));
      expect(await listTable(env), 'a link at the cache name is never followed').toBe(expected);
      rmSync(cachePath(env));
      execFileSync('mkfifo', ['-m', '600', cachePath(env)]);
      expect(await listTable(env), 'a FIFO at the cache name is not waited on').toBe(expected);
    } finally {
      rmSync(cachePath(env), { force: true });
    }
  });
});
