// The per-run CA's files: a private folder (0700) with certificate files (0600) while the run
// lasts, no private key in any file, and nothing left when the run ends: a normal exit, CMD
// killed, notion-vault interrupted or terminated. After a SIGKILL of notion-vault itself, the
// next run removes what it left.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeToken, runCli } from '../support/cli';
import { startCli } from '../support/live-cli';
import { proxyDirs, proxyVault, type ProxyVault } from '../support/proxy-run';
import { useSharedEmulator } from '../support/shared-emulator';
import { until } from '../support/until';

const notion = useSharedEmulator();

async function withEntry(): Promise<ProxyVault> {
  const v = proxyVault(notion());
  const token = fakeToken();
  notion().setToken(token, { identity: 'internal' });
  const add = await runCli(['add', '--name', 'acme'], { env: v.env, input: `${token}\n` });
  expect(add.code, add.stderr).toBe(0);
  return v;
}

/** A child that says "ready" (and its pid), then waits: the run is live until it is stopped. */
const WAITING = ['sh', '-c', 'echo "ready $$"; exec sleep 60'];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

// PKCS#8 of an EC key starts version 0, then the id-ecPublicKey algorithm: DER as a key file holds it.
const EC_PKCS8 = Buffer.from('020100301306072a8648ce3d0201', 'hex');

// Modes, signals and `sh` are POSIX's: Windows has other means (ACLs, no SIGINT to send).
const posix = process.platform !== 'win32';
if (!posix) console.log('SKIPPED run --proxy CA file tests: they check POSIX modes and signals');

describe.skipIf(!posix).concurrent('run --proxy: the CA files', () => {
  it('while the run lasts: one private folder of certificates only, no private key in any file; gone after a normal exit', async () => {
    const v = await withEntry();
    const gate = join(v.tmp, 'go');
    const run = startCli(['run', '--proxy', 'acme', '--', 'sh', '-c', 'echo "ready $$"; while [ ! -e "$0" ]; do sleep 0.05; done', gate], v.env);
    await run.waitFor(/^ready \d+$/m);
    const [dir] = proxyDirs(v);
    expect(proxyDirs(v)).toHaveLength(1);
    const folder = join(v.tmp, dir ?? '');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(readdirSync(folder).sort()).toEqual(['bundle.pem', 'ca.pem']);
    for (const file of readdirSync(folder)) expect(statSync(join(folder, file)).mode & 0o777, file).toBe(0o600);
    for (const file of [...files(v.tmp), ...files(v.home)]) {
      const bytes = readFileSync(file);
      expect(bytes.includes('PRIVATE KEY'), `${file} holds a PEM private key`).toBe(false);
      expect(bytes.includes(EC_PKCS8), `${file} holds a DER private key`).toBe(false);
    }
    expect(readFileSync(join(folder, 'ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);

    writeFileSync(gate, '');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    expect(proxyDirs(v)).toEqual([]);
  });

  it('gone after CMD is killed with SIGKILL (run exits 137)', async () => {
    const v = await withEntry();
    const r = await runCli(['run', '--proxy', 'acme', '--', 'sh', '-c', 'test -s "$NODE_EXTRA_CA_CERTS" && kill -KILL $$'], { env: v.env });
    expect(r.code).toBe(137);
    expect(proxyDirs(v)).toEqual([]);
  });

  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    it(`gone after notion-vault gets ${signal}: CMD gets it first, and run exits as CMD did`, async () => {
      const v = await withEntry();
      const run = startCli(['run', '--proxy', 'acme', '--', ...WAITING], v.env);
      await run.waitFor(/^ready \d+$/m);
      expect(proxyDirs(v)).toHaveLength(1);
      process.kill(run.pid, signal);
      const done = await run.done;
      expect(done.code).toBe(128 + number);
      expect(proxyDirs(v)).toEqual([]);
    });
  }

  it('after notion-vault is killed with SIGKILL, the next run removes what it left', async () => {
    const v = await withEntry();
    const run = startCli(['run', '--proxy', 'acme', '--', ...WAITING], v.env);
    const orphan = Number(/^ready (\d+)$/m.exec(await run.waitFor(/^ready \d+$/m))?.[1]);
    run.child.kill('SIGKILL');
    await until('notion-vault to die', () => run.child.exitCode !== null || run.child.signalCode !== null);
    process.kill(orphan, 'SIGKILL'); // the child outlives a SIGKILLed parent, holding the pipes open
    await run.done;
    expect(proxyDirs(v), 'a SIGKILL leaves the folder behind').toHaveLength(1);

    const next = await runCli(['run', '--proxy', 'acme', '--', 'true'], { env: v.env });
    expect(next.code, next.stderr).toBe(0);
    expect(proxyDirs(v)).toEqual([]);
  });
});
