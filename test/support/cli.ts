import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collect } from './collect';

// Runs the built `notion-vault` as a subprocess, the way a person or script does, and records
// every output (except the commands whose job is to print a secret) for the leak scan that
// test/support/global-setup.ts runs after the whole suite.

export const CLI = resolve('out/main/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface VaultEnv {
  home: string;
  service: string;
  env: Record<string, string>;
}

function artifacts(): string {
  const root = process.env.NV_TEST_ARTIFACTS;
  if (!root) throw new Error('NV_TEST_ARTIFACTS is not set: run the tests with `npm test` (vitest.config.ts sets up global-setup.ts).');
  return root;
}

/** A fresh data dir and keychain service, so tests never see each other's entries. */
export function makeVaultEnv(extra: Record<string, string> = {}): VaultEnv {
  const id = randomUUID().slice(0, 8);
  const home = join(artifacts(), 'homes', id);
  mkdirSync(join(artifacts(), 'homes'), { recursive: true });
  const service = `notion-vault-test-${id}`;
  return { home, service, env: { NOTION_VAULT_HOME: home, NOTION_VAULT_SERVICE: service, ...extra } };
}

/** Every token a test uses: the leak scan looks for each of them in every file written. */
export function registerSecret(token: string): string {
  appendFileSync(join(artifacts(), 'secrets.txt'), `${token}\n`);
  return token;
}

export interface RunOptions {
  /** Added to (or, with `bareEnv`, replacing) the test process's environment. */
  env?: Record<string, string>;
  bareEnv?: boolean;
  input?: string | Buffer;
  /** `get`, `export` and `run`'s child print the secret by design: not recorded for the scan. */
  printsSecret?: boolean;
  /** `run`'s child prints bytes of its own choosing (binary on purpose): see recordOutput. */
  childBytes?: boolean;
  timeoutMs?: number;
  /** The folder it runs in (link, and the commands that use a folder's link). */
  cwd?: string;
}

export function runCli(args: readonly string[], { env = {}, bareEnv = false, input, printsSecret = false, childBytes = false, timeoutMs = 20_000, cwd }: RunOptions = {}): Promise<CliResult & { stdoutBytes: Buffer }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [CLI, ...args], { env: bareEnv ? env : { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], cwd });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return collect(child, input).then(({ code, signal, stdout, stdoutBytes, stderr }) => {
    clearTimeout(timer);
    recordOutput(args, printsSecret ? '(secret output)' : childBytes ? stdoutBytes : stdout, stderr);
    return { code: code ?? (signal === 'SIGKILL' ? 137 : 128), stdout, stdoutBytes, stderr };
  });
}

/**
 * What a test captured from a command goes to the leak scan, like every output of runCli. Bytes
 * (what `run`'s child printed, raw on purpose) go to a file of their own: the leak scan reads it,
 * the control-character scan, which is about the vault's own output, does not.
 */
export function recordOutput(args: readonly string[], stdout: string | Buffer, stderr: string): void {
  if (typeof stdout === 'string') appendFileSync(join(artifacts(), 'outputs.jsonl'), `${JSON.stringify({ args, stdout, stderr })}\n`);
  else appendFileSync(join(artifacts(), 'child-outputs.bin'), Buffer.concat([Buffer.from(`${JSON.stringify(args)}\n`), stdout, Buffer.from(stderr)]));
}

/** A plausible token that no test shares with another: `ntn_` + 46 characters. */
export function fakeToken(prefix = 'ntn_'): string {
  return registerSecret(`${prefix}${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`);
}
