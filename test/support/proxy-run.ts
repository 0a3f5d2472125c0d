// Shared by the `run --proxy` tests: a vault whose temp folder is its own (so the CA folders a run
// makes, and leaves, can be counted), the client scripts, and what a child must never hold.

import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { PLACEHOLDER } from '../../electron/core/proxy/child-env';
import { makeVaultEnv, type VaultEnv } from './cli';
import type { NotionEmulator } from './notion-emulator';

export const CLIENTS_DIR = resolve('test/support/proxy-clients');
export const client = (file: string): string => join(CLIENTS_DIR, file);

export interface ProxyVault extends VaultEnv {
  /** The run's TMPDIR: the proxy's CA folder goes here. */
  tmp: string;
}

export function proxyVault(emu: NotionEmulator, extra: Record<string, string> = {}): ProxyVault {
  const probe = makeVaultEnv();
  const tmp = `${probe.home}-tmp`;
  mkdirSync(tmp, { recursive: true });
  const v = makeVaultEnv({ NOTION_API_BASE_URL: emu.url, TMPDIR: tmp, ...extra });
  return { ...v, tmp };
}

/** The CA folders of runs in this vault's temp folder. */
export const proxyDirs = (v: ProxyVault): string[] => readdirSync(v.tmp).filter((name) => name.startsWith('notion-vault-proxy-'));

/** A child's environment as it dumped it: the placeholder where the token would be, the proxy set, no secret anywhere. */
export function expectProxiedEnv(dump: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(dump.includes(secret), 'the child\'s environment holds a secret').toBe(false);
  expect(dump).toContain(PLACEHOLDER);
  expect(dump).toMatch(/https_proxy\W{1,4}http:\/\/notion-vault:[^@\s"]+@127\.0\.0\.1:\d+/i);
}
