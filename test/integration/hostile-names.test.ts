// Workspace and bot names as an attacker sets them in Notion (test/support/hostile-text.ts), seen
// through every CLI face: human output, --json, the watch log and the notify-send arguments. The
// built CLI as a subprocess, the real keychain, the Notion API emulator, a fake notify-send.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { installFakeNotifySend } from '../support/fake-notify-send';
import { firstRawControl, hostileSpec, HOSTILE_NAMES, HTML_NAME, HUGE_NAME, OSC_NAME } from '../support/hostile-text';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

const T0 = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-02T16:00:00.000Z'; // 7 h on: every entry is due for a check again

interface Hostile {
  v: VaultEnv;
  tokens: string[];
  notifyCalls: () => string[][];
}

async function hostileVault(): Promise<Hostile> {
  const fake = installFakeNotifySend();
  const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_NOW: T0, ...fake.env });
  const tokens: string[] = [];
  for (const name of HOSTILE_NAMES) {
    const token = fakeToken();
    notion().setToken(token, hostileSpec(name));
    const r = await runCli(['add'], { env: v.env, input: `${token}\n` });
    expectClean(r, 'add');
    expect(r.code, r.stderr).toBe(0);
    tokens.push(token);
  }
  return { v, tokens, notifyCalls: () => fake.readCalls() };
}

function expectClean(r: CliResult, what: string): void {
  expect(firstRawControl(r.stdout), `${what}: stdout`).toBeNull();
  expect(firstRawControl(r.stderr), `${what}: stderr`).toBeNull();
  expect(r.stdout, `${what}: stdout`).not.toContain('\r');
}

const cli = (h: Hostile, args: string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { env: { ...h.v.env, ...env } });

describe.concurrent('hostile workspace and bot names', () => {
  it('add, list, status and check show them escaped, one row each, without a forged row and without megabytes', async () => {
    const h = await hostileVault();
    for (const args of [['list'], ['status'], ['check']]) {
      const r = await cli(h, args);
      expectClean(r, args.join(' '));
      const lines = r.stdout.split('\n').filter((line) => line !== '');
      // A header, one row per entry (for status, a summary line and which token applies here): a name's line break forges nothing.
      expect(lines.length, `${args.join(' ')}:\n${r.stdout}`).toBe(1 + HOSTILE_NAMES.length + (args[0] === 'status' ? 2 : 0));
      expect(lines.some((line) => line.startsWith('FAKE-LINE'))).toBe(false);
      expect(r.stdout).toContain('Acme\\x1b]52;c;');
      // The 2 MB name is capped: the whole table stays a few kilobytes.
      expect(r.stdout.length, args.join(' ')).toBeLessThan(8_000);
    }
  });

  it('--json keeps the names as Notion sent them, with bidi and zero-width characters escaped', async () => {
    const h = await hostileVault();
    for (const args of [['list', '--json'], ['status', '--json'], ['check', '--json']]) {
      const r = await cli(h, args);
      expectClean(r, args.join(' '));
      const doc = JSON.parse(r.stdout) as { entries?: Entry[]; results?: Entry[] };
      const names = (doc.entries ?? doc.results ?? []).map((e) => e.workspaceName);
      expect(new Set(names)).toEqual(new Set(HOSTILE_NAMES));
      expect(r.stdout).toContain('\\u202e');
    }
  });

  it('watch --once: the log and the notify-send arguments carry no control, bidi or markup', async () => {
    const h = await hostileVault();
    for (const token of h.tokens) notion().revoke(token);
    const r = await cli(h, ['watch', '--once'], { NOTION_VAULT_NOW: LATER });
    expect(r.code, r.stderr).toBe(0);
    expectClean(r, 'watch --once');
    expect(r.stdout).toMatch(/ notify: /);
    // One line per event: no name breaks a log line in two.
    for (const line of r.stdout.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
    const calls = h.notifyCalls();
    expect(calls.length).toBeGreaterThan(0);
    for (const argv of calls) {
      for (const arg of argv) {
        expect(firstRawControl(arg), `notify-send ${JSON.stringify(argv).slice(0, 200)}`).toBeNull();
        expect(arg).not.toMatch(/<\/?[a-z]/i); // no tag a markup-rendering server would honour
        expect(arg.length).toBeLessThan(2_000);
      }
    }
  });

  it('names stay stored exactly as Notion sent them, and no file of the data folder holds their controls raw', async () => {
    const h = await hostileVault();
    const files = readdirSync(h.v.home);
    expect(files).toContain('vault.json.list-cache');
    for (const file of files) expect(firstRawControl(readFileSync(join(h.v.home, file), 'utf8')), file).toBeNull();
    const raw = readFileSync(join(h.v.home, 'vault.json'), 'utf8');
    const doc = JSON.parse(raw) as { entries: Entry[] };
    expect(new Set(doc.entries.map((e) => e.workspaceName))).toEqual(new Set(HOSTILE_NAMES));
    expect(doc.entries.map((e) => e.identity?.name)).toContain(OSC_NAME);
    expect(doc.entries.map((e) => e.identity?.name)).toContain(HTML_NAME);
    expect(doc.entries.some((e) => e.workspaceName === HUGE_NAME)).toBe(true);
  });
});
