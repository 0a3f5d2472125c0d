// `notion-vault which URL|ID` and `check NAME --page URL`: the built CLI as a subprocess, the real
// keychain and the Notion emulator holding pages, databases and data sources shared with some
// connections and not others, PATs whose creators see different things, and tokens that are
// invalid, expired or unreachable.

import { describe, expect, it } from 'vitest';
import type { WhichAnswer, WhichReport } from '../../electron/core/check/which';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import type { TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

const hex = (n: number): string => `${n.toString(16).padStart(8, '0')}5e6f47a8b9c0d1e2f3a4b5c6`;
const dashed = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

const cli = (v: VaultEnv, args: readonly string[], input?: string): Promise<CliResult> => runCli(args, { env: v.env, input });

async function add(v: VaultEnv, name: string, spec: TokenSpec, flags: string[] = []): Promise<string> {
  const token = fakeToken();
  notion().setToken(token, spec);
  const r = await cli(v, ['add', '--name', name, ...flags], `${token}\n`);
  if (r.code !== 0) throw new Error(`add ${name} exited ${String(r.code)}: ${r.stderr}`);
  return token;
}

const json = (r: CliResult): WhichReport => JSON.parse(r.stdout) as WhichReport;
const byName = (report: WhichReport): Record<string, WhichAnswer> => Object.fromEntries(report.answers.map((a) => [a.name, a]));

interface World {
  v: VaultEnv;
  tokens: Record<string, string>;
  page: string;
  database: string;
  dataSource: string;
  acme: string;
}

let counter = 0x1000;
/** One vault with a token of every situation, in its own workspaces (the emulator is shared by the file). */
async function world(): Promise<World> {
  const tag = String(counter++);
  const acme = `Acme ${tag}`;
  const globex = `Globex ${tag}`;
  const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url });
  const tokens: Record<string, string> = {};
  const pat = ['--kind', 'pat', '--workspace', acme];
  // Added side by side: the vault's lock serializes the writes.
  await Promise.all([
    add(v, 'sync', { identity: 'internal', workspaceName: acme, userName: 'Sync Bot' }),
    add(v, 'other', { identity: 'internal', workspaceName: acme, userName: 'Other Bot' }),
    add(v, 'ada', { identity: 'pat-person', userName: 'Ada', creator: 'Ada', workspaceName: acme }, pat),
    add(v, 'bob', { identity: 'pat-person', userName: 'Bob', creator: 'Bob', workspaceName: acme }, pat),
    add(v, 'globex', { identity: 'internal', workspaceName: globex, userName: 'Globex Bot' }),
    add(v, 'old', { identity: 'pat-person', userName: 'Ada', creator: 'Ada', workspaceName: acme }, [...pat, '--created', '2025-01-01', '--expires', '2025-02-01']),
    add(v, 'revoked', { identity: 'internal', workspaceName: acme, userName: 'Revoked Bot' }),
  ].map(async (added, i) => {
    tokens[['sync', 'other', 'ada', 'bob', 'globex', 'old', 'revoked'][i] ?? ''] = await added;
  }));
  notion().revoke(tokens.revoked ?? '');

  const page = hex(counter++);
  const database = hex(counter++);
  const dataSource = hex(counter++);
  notion().content.set(page, { kind: 'page', title: 'Roadmap', workspaceName: acme, sharedWith: [tokens.sync ?? ''], people: ['Ada'] });
  notion().content.set(database, { kind: 'database', title: 'Tasks', workspaceName: acme, sharedWith: [tokens.sync ?? ''] });
  notion().content.set(dataSource, { kind: 'data_source', title: 'Tasks data', workspaceName: acme, databaseId: database });
  return { v, tokens, page, database, dataSource, acme };
}

/** The world the read-only tests share; the tests that change Notion's behaviour make their own. */
let shared: Promise<World> | undefined;
const sharedWorld = (): Promise<World> => (shared ??= world());

describe.concurrent('which', { timeout: 90_000 }, () => {
  it('answers per token: who sees the page, and why each other one cannot, with the fix that fits its kind', async () => {
    const w = await sharedWorld();
    const r = await cli(w.v, ['which', `https://www.notion.so/acme/Roadmap-${w.page}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = json(r);
    expect(report).toMatchObject({ type: 'page', title: 'Roadmap', verdict: 'seen', idAdvice: null, target: { id: dashed(w.page), workspaceSlug: 'acme' } });
    const a = byName(report);
    expect(a.sync).toMatchObject({ sees: true, reason: 'sees', fix: null });
    expect(a.ada).toMatchObject({ sees: true, reason: 'sees' });
    // A connection the page is not shared with: Add connection, naming it.
    expect(a.other).toMatchObject({ sees: false, reason: 'not-shared' });
    expect(a.other?.fix).toContain('••• → Connections → Add connection → Other Bot');
    // A PAT whose creator cannot see it: no sharing fixes that.
    expect(a.bob).toMatchObject({ sees: false, reason: 'creator-cannot-see' });
    expect(a.bob?.fix).toContain('its creator (Bob) cannot see it');
    expect(a.bob?.fix).not.toContain('Add connection');
    expect(a.globex).toMatchObject({ sees: false, reason: 'other-workspace' });
    expect(a.revoked).toMatchObject({ sees: false, reason: 'invalid' });
    expect(a.old).toMatchObject({ sees: false, reason: 'expired' });
    expect(a.old?.fix).toContain('2025-02-01');
    // Read in the order a person acts on: who sees it, the fixes that would make one see it, tokens that cannot work, other workspaces.
    const group: Record<string, number> = { sees: 0, 'not-shared': 1, 'creator-cannot-see': 1, invalid: 2, expired: 2, 'other-workspace': 3 };
    expect(report.answers.map((answer) => group[answer.reason])).toEqual([0, 0, 1, 1, 2, 2, 3]);
    // The expired PAT was not asked: Notion would only have said 401.
    expect(notion().requests(w.tokens.old).filter((q) => q.path.startsWith('/v1/pages'))).toEqual([]);
    for (const token of Object.values(w.tokens)) expect(r.stdout + r.stderr).not.toContain(token);

    // The table says the same to a person.
    const human = await cli(w.v, ['which', w.page]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('“Roadmap” (page');
    expect(human.stdout).toMatch(/bob\s+Acme \d+\s+no\s+its creator \(Bob\) cannot see it/);
  });

  it('a database id (from a ?v= view link) is seen, and says which data-source id the API wants since 2025-09-03', async () => {
    const w = await sharedWorld();
    const r = await cli(w.v, ['which', `https://www.notion.so/acme/${w.database}?v=${hex(0xabc)}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = json(r);
    expect(report).toMatchObject({ type: 'database', title: 'Tasks', verdict: 'seen' });
    expect(report.idAdvice).toContain(`use ${dashed(w.dataSource)} (Tasks data)`);
    expect(byName(report).sync?.sees).toBe(true);
    expect(byName(report).ada).toMatchObject({ sees: false, reason: 'creator-cannot-see' });
  });

  it('a data-source id is seen through its database’s sharing, and says which database id to use', async () => {
    const w = await sharedWorld();
    const r = await cli(w.v, ['which', w.dataSource, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = json(r);
    expect(report).toMatchObject({ type: 'data_source', title: 'Tasks data' });
    expect(report.idAdvice).toContain(`use ${dashed(w.database)}`);
    expect(byName(report).sync?.sees).toBe(true);
  });

  it('nobody sees it: exit 1, each fix also saying it may be in another workspace; Notion unreachable for one: exit 4', async () => {
    const w = await world();
    const unknown = hex(0xdead);
    const r = await cli(w.v, ['which', unknown, '--json']);
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.verdict).toBe('unseen');
    expect(report.type).toBeNull();
    expect(byName(report).other?.fix).toMatch(/Add connection → Other Bot, or it is in another workspace$/);

    notion().updateToken(w.tokens.other ?? '', { fail: { reset: true } });
    const offline = await cli(w.v, ['which', unknown, '--json']);
    expect(offline.code).toBe(4);
    expect(json(offline).verdict).toBe('undecided');
    expect(byName(json(offline)).other).toMatchObject({ sees: false, reason: 'undecided' });
    expect(byName(json(offline)).other?.fix).toContain('Cannot reach Notion');
    const said = await cli(w.v, ['which', unknown]);
    expect(said.code).toBe(4);
    expect(said.stdout.split('\n')[0]).toBe(`No stored token is known to see ${dashed(unknown)}: Notion could not answer for some of them; ask again later.`);
  });

  it('check NAME --page asks one token only', async () => {
    const w = await sharedWorld();
    const yes = await cli(w.v, ['check', 'ada', '--page', `https://www.notion.so/Roadmap-${w.page}`]);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/ada\s+Acme \d+\s+yes/);
    expect(json(await cli(w.v, ['check', 'ada', '--page', w.page, '--json'])).answers.map((a) => a.name)).toEqual(['ada']);
    const no = await cli(w.v, ['check', 'bob', '--page', w.page, '--json']);
    expect(no.code).toBe(1);
    expect(json(no).answers.map((a) => a.name)).toEqual(['bob']);
    const none = await cli(w.v, ['check', '--page', w.page]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ten link forms of one page all reach it', async () => {
    const w = await sharedWorld();
    const forms = [
      w.page, dashed(w.page), w.page.toUpperCase(),
      `https://www.notion.so/${w.page}`,
      `https://www.notion.so/Roadmap-Q3-${w.page}`,
      `https://www.notion.so/acme/Roadmap-${w.page}`,
      `notion.so/acme/Roadmap-${w.page}?pvs=4`,
      `https://acme.notion.site/Roadmap-${w.page}`,
      `https://www.notion.so/acme/${w.database}?v=${hex(0xabc)}&p=${w.page}&pm=s`,
      `notion://www.notion.so/acme/Roadmap-${w.page}#${hex(0xbeef)}`,
    ];
    for (const form of forms) {
      const r = await cli(w.v, ['check', 'sync', '--page', form, '--json']);
      expect(r.code, `${form}: ${r.stderr}`).toBe(0);
      expect(json(r)).toMatchObject({ type: 'page', title: 'Roadmap', target: { id: dashed(w.page) } });
    }
  });

  it('refuses what is not a Notion link or id: exit 2, one line, the text not echoed', async () => {
    const w = await sharedWorld();
    const r = await cli(w.v, ['which', 'https://example.com/Roadmap-0123']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Copy link');
    expect(r.stderr).not.toContain('example.com');
  });

  it('a workspace Notion rate-limits is backed off whole: at most two of its requests, none retried, exit 4', async () => {
    const w = await world();
    const { acme } = w;
    notion().throttleWorkspace(acme, 120);
    const start = Date.now();
    try {
      const r = await cli(w.v, ['which', w.page, '--json']);
      expect(r.code).toBe(4);
      const report = json(r);
      for (const name of ['sync', 'other', 'ada', 'bob']) expect(byName(report)[name]).toMatchObject({ sees: false, reason: 'undecided' });
      expect(byName(report).sync?.fix).toMatch(/rate-limiting (this token or its workspace|this workspace)/);
      // The first requests got the 429 (two may be in flight at once); the rest of the workspace waited.
      // (The revoked token's 401 comes before any rate limit, so it backs nothing off: it is left out.)
      const acmeRequests = notion().requests().filter((q) => q.workspace === acme && q.at >= start && q.token !== w.tokens.revoked);
      expect(acmeRequests.length).toBeGreaterThan(0);
      expect(acmeRequests.length).toBeLessThanOrEqual(2);
      // Another workspace is not held up: Globex was asked.
      expect(notion().requests(w.tokens.globex).filter((q) => q.at >= start).length).toBeGreaterThan(0);
    } finally {
      notion().throttleWorkspace(acme, null);
    }
  });
});
