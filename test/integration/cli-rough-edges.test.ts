// CLI rough edges seen on a fresh clone, each with the test that failed before its fix; and the
// CLI's faces of the "sees no pages" advice by kind. The built CLI as a subprocess, the real
// keychain, the Notion emulator.

import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import type { TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

const vault = (): VaultEnv => makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
const cli = (v: VaultEnv, args: readonly string[], input?: string): Promise<CliResult> => runCli(args, { env: v.env, input });

function tokenAt(spec: TokenSpec): string {
  const token = fakeToken();
  notion().setToken(token, spec);
  return token;
}

async function entries(v: VaultEnv): Promise<Entry[]> {
  return (JSON.parse((await cli(v, ['list', '--json'])).stdout) as { entries: Entry[] }).entries;
}

describe.concurrent('CLI rough edges', () => {
  it('add of a token Notion rejects says to create a new one and add it, not to rotate it in', async () => {
    const v = vault();
    const token = tokenAt({ identity: 'internal', revoked: true });
    const r = await cli(v, ['add', '--name', 'dead'], `${token}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('create a new one and add it');
    expect(r.stderr).not.toContain('rotate');
    expect(r.stderr).toContain('workspace policy');
  });

  it.each([
    [['--expires', '2026-02-30']],
    [['--created', 'yesterday']],
    [['--expires', '2026-05-01', '--expires-in', '30d']],
    [['--created', '2026-03-01', '--expires', '2026-02-01']],
  ])('add %j is refused before Notion is asked', async (flags) => {
    const v = vault();
    const token = tokenAt({ identity: 'pat-person', userName: 'Ada' });
    const r = await cli(v, ['add', '--name', 'ada', '--workspace', 'Acme', ...flags], `${token}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(notion().requests(token)).toEqual([]);
  });

  it('rotate with a malformed date is refused before Notion is asked', async () => {
    const v = vault();
    const old = tokenAt({ identity: 'pat-person', userName: 'Ada' });
    expect((await cli(v, ['add', '--name', 'ada', '--workspace', 'Acme'], `${old}\n`)).code).toBe(0);
    const fresh = tokenAt({ identity: 'pat-person', userName: 'Ada' });
    const r = await cli(v, ['rotate', 'ada', '--expires', '31/12/2026'], `${fresh}\n`);
    expect(r.code).toBe(2);
    expect(notion().requests(fresh)).toEqual([]);
  });

  it('doctor --json: a finding that is ok never carries a failing exit code', async () => {
    const v = vault();
    expect((await cli(v, ['add', '--name', 'acme'], `${tokenAt({ identity: 'internal' })}\n`)).code).toBe(0);
    const r = await cli(v, ['doctor', '--json']);
    const { findings } = JSON.parse(r.stdout) as { findings: { ok: boolean; what: string; exit: number }[] };
    expect(findings.find((f) => f.what === 'data dir')).toMatchObject({ ok: true, exit: 0 });
    for (const f of findings.filter((x) => x.ok)) expect(f.exit, f.what).toBe(0);
  });

  it('a --no-check entry whose first check finds an internal integration becomes one: no expiry, a note in its history', async () => {
    const v = vault();
    expect((await cli(v, ['add', '--name', 'bot', '--no-check'], `${tokenAt({ identity: 'internal', workspaceName: 'Acme' })}\n`)).code).toBe(0);
    const [stored] = await entries(v);
    expect(stored).toMatchObject({ kind: 'pat', status: 'unchecked' });
    expect(stored?.expiresAt).not.toBeNull();

    expect((await cli(v, ['check', 'bot'])).code).toBe(0);
    const [checked] = await entries(v);
    expect(checked).toMatchObject({ kind: 'internal', status: 'valid', expiresAt: null, workspaceName: 'Acme' });
    expect(checked?.history.at(-1)?.message).toContain('internal integration secret, not a personal access token');
    // A user-owned bot may be a PAT or OAuth: it stays as it was.
    expect((await cli(v, ['add', '--name', 'maybe', '--no-check'], `${tokenAt({ identity: 'pat-bot' })}\n`)).code).toBe(0);
    expect((await cli(v, ['check', 'maybe'])).code).toBe(0);
    expect((await entries(v)).find((e) => e.name === 'maybe')).toMatchObject({ kind: 'pat' });
  });

  it('status --json: needsAttention names exactly the entries whose attention says something', async () => {
    const v = vault();
    expect((await cli(v, ['add', '--name', 'fine'], `${tokenAt({ identity: 'internal' })}\n`)).code).toBe(0);
    expect((await cli(v, ['add', '--name', 'later', '--no-check'], `${tokenAt({ identity: 'internal' })}\n`)).code).toBe(0);
    expect((await cli(v, ['add', '--name', 'blind'], `${tokenAt({ identity: 'internal', pagesShared: false })}\n`)).code).toBe(0);
    const r = await cli(v, ['status', '--json']);
    const json = JSON.parse(r.stdout) as { needsAttention: string[]; entries: { name: string; attention: string | null }[] };
    expect([...json.needsAttention].sort()).toEqual(json.entries.filter((e) => e.attention !== null).map((e) => e.name).sort());
    expect([...json.needsAttention].sort()).toEqual(['blind', 'later']);
    expect(r.code).toBe(0); // nothing invalid or expired
  });
});

describe.concurrent('"sees no pages" in the CLI, by kind', () => {
  it('a PAT is told what it means for a PAT, never to Add connection, in add, check and status', async () => {
    const v = vault();
    const add = await cli(v, ['add', '--name', 'ada', '--workspace', 'Acme'], `${tokenAt({ identity: 'pat-person', userName: 'Ada', pagesShared: false })}\n`);
    expect(add.code).toBe(0);
    const check = await cli(v, ['check']);
    const status = await cli(v, ['status']);
    for (const text of [add.stderr, check.stderr, status.stdout]) {
      expect(text).toContain('sees no pages');
      expect(text).not.toContain('Add connection');
      expect(text).toMatch(/creator|Notion API capability/);
    }
  });

  it('an internal integration is told to Add connection in add, check and status', async () => {
    const v = vault();
    const add = await cli(v, ['add', '--name', 'bot'], `${tokenAt({ identity: 'internal', pagesShared: false })}\n`);
    const check = await cli(v, ['check']);
    const status = await cli(v, ['status']);
    for (const text of [add.stderr, check.stderr, status.stdout]) expect(text).toContain('••• → Connections → Add connection');
  });
});
