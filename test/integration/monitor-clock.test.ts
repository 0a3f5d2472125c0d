// The monitor against a simulated clock: a real vault.json in a temp folder, the in-memory
// keychain, the real @notionhq/client over HTTP and the Notion emulator. Time only moves when
// the test moves it: each step runs one pass and jumps to the next event the monitor asked for
// (`nextAt`), which is the instant its timer would fire. No real timer is ever armed.

import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../electron/common/status';
import type { Entry, Settings, TokenKind } from '../../electron/common/types';
import { createNotionClient } from '../../electron/core/check/notion-client';
import type { Notifier } from '../../electron/core/monitor/desktop-notifier';
import { MONITOR_CHECKS, Monitor, type MonitorOptions, type PassReport, type Timers } from '../../electron/core/monitor/monitor';
import type { Notification } from '../../electron/core/monitor/notices';
import { openVaultFile, type VaultFile } from '../../electron/core/vault/vault-file';
import { Vault } from '../../electron/core/vault/vault';
import { fakeToken } from '../support/cli';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';
import { startNotionEmulator, type NotionEmulator, type TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;
const T0 = Date.parse('2026-01-05T09:00:00.000Z');

const notion = useSharedEmulator();

// ---------------------------------------------------------------------------
// The simulated world

/** The one clock every monitor, vault and notifier in this file reads. */
let now = new Date(T0);
const clock = (): Date => now;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Deterministic jitter: the same "random" sequence on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Sent {
  at: number;
  notification: Notification;
}

interface Rig {
  dir: string;
  file: VaultFile;
  store: MemoryStore;
  vault: Vault;
  sent: Sent[];
  logs: string[];
  /** Every token this rig stored, for the "never in output" checks. */
  tokens: string[];
  /** The emulator the client talks to; switchable to simulate the network coming back elsewhere. */
  baseUrl: string;
  monitor(extra?: Partial<MonitorOptions>): Monitor;
}

function artifactsDir(): string {
  const root = process.env.NV_TEST_ARTIFACTS ?? tmpdir();
  const parent = join(root, 'monitor-clock');
  mkdirSync(parent, { recursive: true });
  return parent;
}

/** A fresh vault folder (under the leak-scanned artifacts), memory keychain and notifier. */
async function rig(settings: Partial<Settings> = {}, { store = createMemoryStore() }: { store?: MemoryStore } = {}): Promise<Rig> {
  const dir = mkdtempSync(join(artifactsDir(), 'vault-'));
  const file = openVaultFile({ dir, clock });
  if (Object.keys(settings).length > 0) {
    await file.update((doc) => {
      doc.settings = settings;
    });
  }
  const vault = new Vault(file, store, clock);
  const sent: Sent[] = [];
  const logs: string[] = [];
  const notifier: Notifier = {
    send(notification) {
      sent.push({ at: now.getTime(), notification });
      return Promise.resolve();
    },
  };
  const r: Rig = {
    dir,
    file,
    store,
    vault,
    sent,
    logs,
    tokens: [],
    baseUrl: notion().url,
    monitor: (extra = {}) =>
      new Monitor({
        vault,
        client: () => Promise.resolve(createNotionClient({ baseUrl: r.baseUrl, timeoutMs: 5_000 })),
        notifier,
        clock,
        log: (line) => logs.push(line),
        random: seeded(42),
        ...extra,
      }),
  };
  return r;
}

interface TokenOptions {
  kind?: TokenKind;
  /** PATs: days from creation to expiry. */
  lifetimeDays?: number;
  createdAt?: number;
  spec?: Partial<TokenSpec>;
  on?: NotionEmulator;
}

/** Registers a token with the emulator and adds it to the vault through Vault.add (secret in the memory keychain). */
async function addToken(r: Rig, name: string, { kind = 'pat', lifetimeDays, createdAt = now.getTime(), spec = {}, on = notion() }: TokenOptions = {}): Promise<{ token: string; entry: Entry }> {
  const token = fakeToken();
  on.setToken(token, { identity: kind === 'internal' ? 'internal' : 'pat-bot', workspaceName: 'Acme', ...spec });
  r.tokens.push(token);
  const entry = await r.vault.add(
    {
      name,
      kind,
      workspaceId: null,
      workspaceName: 'Acme',
      identity: null,
      createdAt: iso(createdAt),
      expiresAt: lifetimeDays === undefined ? null : iso(createdAt + lifetimeDays * DAY_MS),
      status: 'unchecked',
      lastCheckedAt: null,
      lastOkAt: null,
      lastError: null,
      lastDecided: null,
      pagesShared: null,
      warned: [],
      nextCheckAt: null,
      failStreak: 0,
      history: [],
    },
    token,
  );
  return { token, entry };
}

async function entryNamed(r: Rig, name: string): Promise<Entry> {
  const found = (await r.vault.entries()).find((e) => e.name === name);
  if (found === undefined) throw new Error(`no entry named ${name}`);
  return found;
}

type Report = PassReport & { at: number };

/**
 * Runs passes, jumping the clock to each `nextAt`, until the next event lies beyond `until`.
 * `before` runs ahead of every pass (to change the world at a given simulated time).
 */
async function runUntil(monitor: Monitor, until: number, before: (at: number) => void = () => undefined): Promise<Report[]> {
  const reports: Report[] = [];
  for (let guard = 0; guard < 20_000; guard++) {
    before(now.getTime());
    const at = now.getTime();
    const report = await monitor.runDue();
    reports.push({ ...report, at });
    if (report.nextAt === null || report.nextAt > until) return reports;
    if (report.nextAt <= at) throw new Error(`the monitor wants to run again at once (nextAt ${iso(report.nextAt)} at ${iso(at)}): a busy loop`);
    now = new Date(report.nextAt);
  }
  throw new Error('runUntil: too many passes');
}

const titles = (sent: readonly Sent[]): string[] => sent.map((s) => s.notification.title);

/** No token in any notification, log line or vault.json. */
function expectNoTokenLeaked(r: Rig): void {
  const texts = [...r.sent.flatMap((s) => [s.notification.title, s.notification.body]), ...r.logs, readFileSync(r.file.path, 'utf8')];
  for (const token of r.tokens) {
    for (const text of texts) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(4, 20));
    }
  }
}

function expectedExpiry(name: string, expiresAt: number, thresholds: readonly number[]): { at: number; title: string; name: string }[] {
  return [
    ...thresholds.map((days) => ({ at: expiresAt - days * DAY_MS, title: `Notion token expires in ${days === 1 ? '1 day' : `${String(days)} days`}`, name })),
    { at: expiresAt, title: 'Notion token expired', name },
  ];
}

// ---------------------------------------------------------------------------

// Hundreds of passes over real HTTP: seconds alone, more on a busy 2-core CI machine. The limit
// only catches a hang; nothing here is a timing assertion.
describe('a simulated year', { timeout: 90_000 }, () => {
  it('1-year PAT, 30-day PAT, internal secret: one notification per threshold, at the crossing, none for the secret', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const year = await addToken(r, 'year-pat', { lifetimeDays: 365 });
    const month = await addToken(r, 'month-pat', { lifetimeDays: 30 });
    const internal = await addToken(r, 'acme-internal', { kind: 'internal' });
    const monitor = r.monitor();

    // Notion rejects a PAT from its expiry on, as the real service does.
    const expiries = [{ token: year.token, at: T0 + 365 * DAY_MS }, { token: month.token, at: T0 + 30 * DAY_MS }];
    const revoked = new Set<string>();
    const reports = await runUntil(monitor, T0 + 370 * DAY_MS, (at) => {
      for (const e of expiries) {
        if (at >= e.at && !revoked.has(e.token)) {
          notion().revoke(e.token);
          revoked.add(e.token);
        }
      }
    });

    const expected = [
      ...expectedExpiry('month-pat', T0 + 30 * DAY_MS, [14, 7, 3, 1]),
      ...expectedExpiry('year-pat', T0 + 365 * DAY_MS, [30, 14, 7, 3, 1]),
    ].sort((a, b) => a.at - b.at);
    expect(r.sent.map((s) => ({ at: iso(s.at), title: s.notification.title }))).toEqual(expected.map((e) => ({ at: iso(e.at), title: e.title })));
    for (const [i, s] of r.sent.entries()) {
      const name = expected[i]?.name ?? 'missing';
      expect(s.notification.body).toContain(`${name} (Acme)`);
      expect(s.notification.body).toContain(`notion-vault rotate ${name}`);
      expect(s.notification.entryId).toBe((await entryNamed(r, name)).id);
      expect(s.notification.urgency).toBe(s.notification.title === 'Notion token expired' ? 'critical' : 'normal');
    }
    expect(r.sent.some((s) => s.notification.body.includes('acme-internal'))).toBe(false);

    // Every token was checked about once a day all year; the expired ones are rejected, nobody said "stopped working".
    expect(titles(r.sent)).not.toContain('Notion token stopped working');
    const checksOf = (name: string): number => reports.reduce((n, rep) => n + rep.checked.filter((c) => c.name === name).length, 0);
    for (const name of ['year-pat', 'month-pat', 'acme-internal']) {
      expect(checksOf(name)).toBeGreaterThanOrEqual(Math.floor(370 / 1.1));
      expect(checksOf(name)).toBeLessThanOrEqual(Math.ceil(370 / 0.9) + 1);
    }
    expect(notion().requests(internal.token)).toHaveLength(2 * checksOf('acme-internal'));
    expect((await entryNamed(r, 'month-pat')).status).toBe('invalid');
    expect((await entryNamed(r, 'month-pat')).warned).toEqual([14, 7, 3, 1, 0]);
    expect((await entryNamed(r, 'year-pat')).warned).toEqual([30, 14, 7, 3, 1, 0]);
    expect((await entryNamed(r, 'acme-internal')).warned).toEqual([]);
    expect((await entryNamed(r, 'acme-internal')).status).toBe('valid');
    expectNoTokenLeaked(r);
  });

  it('a 7-day PAT: the 3-day, 1-day and expiry warnings only', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    await addToken(r, 'week-pat', { lifetimeDays: 7 });
    await runUntil(r.monitor(), T0 + 20 * DAY_MS);
    expect(r.sent.map((s) => ({ at: iso(s.at), title: s.notification.title }))).toEqual(
      expectedExpiry('week-pat', T0 + 7 * DAY_MS, [3, 1]).map((e) => ({ at: iso(e.at), title: e.title })),
    );
    expect((await entryNamed(r, 'week-pat')).warned).toEqual([3, 1, 0]);
  });

  it('a restart half way: a new Monitor on the same vault and keychain repeats nothing', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    await addToken(r, 'year-pat', { lifetimeDays: 365 });
    await addToken(r, 'month-pat', { lifetimeDays: 30 });

    // First life: up to just after the 14-day warning of the 1-year PAT (day 351).
    const first = r.monitor();
    await runUntil(first, T0 + 351 * DAY_MS);
    expect(now.getTime()).toBe(T0 + 351 * DAY_MS);
    const before = titles(r.sent);
    expect(before).toEqual([
      'Notion token expires in 14 days', 'Notion token expires in 7 days', 'Notion token expires in 3 days', 'Notion token expires in 1 day', 'Notion token expired',
      'Notion token expires in 30 days', 'Notion token expires in 14 days',
    ]);
    await first.stop();

    // Second life, same instant: the first pass has nothing to say.
    const second = new Monitor({
      vault: new Vault(openVaultFile({ dir: r.dir, clock }), r.store, clock),
      client: () => Promise.resolve(createNotionClient({ baseUrl: r.baseUrl, timeoutMs: 5_000 })),
      notifier: { send: (notification) => { r.sent.push({ at: now.getTime(), notification }); return Promise.resolve(); } },
      clock,
      random: seeded(7),
    });
    const again = await second.runDue();
    expect(again.notified).toEqual([]);
    await runUntil(second, T0 + 370 * DAY_MS);
    expect(titles(r.sent).slice(before.length)).toEqual(['Notion token expires in 7 days', 'Notion token expires in 3 days', 'Notion token expires in 1 day', 'Notion token expired']);
    expect(r.sent.slice(before.length).every((s) => s.notification.body.includes('year-pat'))).toBe(true);
  });

  it('a restart after a long time off: the missed thresholds are said once, as the most urgent one', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    await addToken(r, 'year-pat', { lifetimeDays: 365 });
    await runUntil(r.monitor(), T0 + 300 * DAY_MS);
    expect(r.sent).toEqual([]);
    // Off from day 300 to 5 days before expiry (30, 14 and 7 crossed meanwhile).
    now = new Date(T0 + 360 * DAY_MS);
    const report = await r.monitor().resume();
    expect(report.notified.map((n) => n.title)).toEqual(['Notion token expires in 5 days']);
    expect((await entryNamed(r, 'year-pat')).warned).toEqual([30, 14, 7]);
  });
});

describe('nothing due, nothing done', () => {
  it('a week at the default 6 h interval: exactly the scheduled checks, and passes in between send no request', async () => {
    now = new Date(T0);
    const r = await rig();
    const a = await addToken(r, 'acme-internal', { kind: 'internal' });
    const b = await addToken(r, 'year-pat', { lifetimeDays: 365 });
    const monitor = r.monitor({ random: Math.random });
    const end = T0 + 7 * DAY_MS;
    const pick = seeded(99);
    const checkTimes = new Map<string, number[]>([['acme-internal', []], ['year-pat', []]]);
    const scheduled = new Map<string, number[]>([['acme-internal', []], ['year-pat', []]]);
    let idle = 0;

    for (;;) {
      const at = now.getTime();
      const report = await monitor.runDue();
      for (const c of report.checked) checkTimes.get(c.name)?.push(at);
      for (const e of await r.vault.entries()) if (e.nextCheckAt !== null) scheduled.get(e.name)?.push(Date.parse(e.nextCheckAt));
      if (report.nextAt === null || report.nextAt > end) break;
      expect(report.nextAt).toBeGreaterThan(at);

      // Three passes at arbitrary moments before the next event: no request, no write, same plan.
      const requests = notion().requests().length;
      const text = readFileSync(r.file.path, 'utf8');
      for (let i = 0; i < 3; i++) {
        now = new Date(at + Math.floor(pick() * (report.nextAt - at)));
        if (now.getTime() === report.nextAt) continue;
        const idlePass = await monitor.runDue();
        idle += 1;
        expect(idlePass.checked).toEqual([]);
        expect(idlePass.notified).toEqual([]);
        expect(idlePass.nextAt).toBe(report.nextAt);
      }
      expect(notion().requests()).toHaveLength(requests);
      expect(readFileSync(r.file.path, 'utf8')).toBe(text);
      now = new Date(report.nextAt);
    }

    expect(idle).toBeGreaterThan(100);
    for (const [name, token] of [['acme-internal', a.token], ['year-pat', b.token]] as const) {
      const times = checkTimes.get(name) ?? [];
      // The first check at once (never checked), then each exactly when the previous one scheduled it.
      expect(times[0]).toBe(T0);
      const planned = [...new Set(scheduled.get(name))].filter((t) => t <= end);
      expect(times.slice(1)).toEqual(planned);
      for (let i = 1; i < times.length; i++) {
        const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
        expect(gap).toBeGreaterThanOrEqual(5.4 * HOUR_MS);
        expect(gap).toBeLessThanOrEqual(6.6 * HOUR_MS);
      }
      // 168 h at 6 h ± 10%: between 168/6.6 and 168/5.4 checks after the first.
      expect(times.length - 1).toBeGreaterThanOrEqual(Math.floor((7 * 24) / 6.6));
      expect(times.length - 1).toBeLessThanOrEqual(Math.floor((7 * 24) / 5.4));
      // Two requests (users/me, search) per check, nothing else.
      const requests = notion().requests(token);
      expect(requests).toHaveLength(2 * times.length);
      expect(requests.map((q) => q.path).filter((p) => p === '/v1/users/me')).toHaveLength(times.length);
    }
    expect(r.sent).toEqual([]);
  });
});

describe('several at once', () => {
  it('five PATs crossing a threshold in the same pass: one "5 tokens need attention"', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const names = ['pat-a', 'pat-b', 'pat-c', 'pat-d', 'pat-e'];
    for (const name of names) await addToken(r, name, { lifetimeDays: 90 });
    await runUntil(r.monitor(), T0 + 95 * DAY_MS);
    const expiresAt = T0 + 90 * DAY_MS;
    expect(r.sent.map((s) => iso(s.at))).toEqual([30, 14, 7, 3, 1, 0].map((d) => iso(expiresAt - d * DAY_MS)));
    expect(titles(r.sent)).toEqual(Array.from({ length: 6 }, () => '5 tokens need attention'));
    const [first] = r.sent;
    for (const name of names.slice(0, 4)) expect(first?.notification.body).toContain(`${name}: expires in 30 days`);
    expect(first?.notification.body).toContain('and 1 more');
    expect(first?.notification.urgency).toBe('normal');
    expect(first?.notification.entryId).toBeNull();
    expect(r.sent.at(-1)?.notification.body).toContain('pat-a: expired');
    expect(r.sent.at(-1)?.notification.urgency).toBe('critical');
  });
});

describe('a token stops working', () => {
  it('revoked mid-run: one "stopped working" at its next due check, none before, none after', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const { token } = await addToken(r, 'acme-internal', { kind: 'internal' });
    await addToken(r, 'other', { kind: 'internal' });
    const monitor = r.monitor();
    await runUntil(monitor, T0 + 3 * DAY_MS);

    // Revoked in Notion between two checks.
    const due = Date.parse((await entryNamed(r, 'acme-internal')).nextCheckAt ?? 'missing');
    expect(due).toBeGreaterThan(now.getTime());
    notion().revoke(token);
    now = new Date(now.getTime() + Math.floor((due - now.getTime()) / 2));
    const early = await monitor.runDue();
    expect(early.checked.map((c) => c.name)).not.toContain('acme-internal');
    expect(r.sent).toEqual([]);

    const reports = await runUntil(monitor, due + 10 * DAY_MS);
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]?.at).toBe(due);
    expect(r.sent[0]?.notification).toMatchObject({ title: 'Notion token stopped working', urgency: 'critical', entryId: (await entryNamed(r, 'acme-internal')).id });
    expect(r.sent[0]?.notification.body).toContain('acme-internal (Acme)');
    expect(r.sent[0]?.notification.body).toContain('notion-vault rotate acme-internal');
    // It is still checked afterwards (and still rejected), silently.
    expect(reports.filter((rep) => rep.checked.some((c) => c.name === 'acme-internal' && c.outcome === 'unauthorized')).length).toBeGreaterThanOrEqual(9);
    expect((await entryNamed(r, 'acme-internal')).status).toBe('invalid');
    expectNoTokenLeaked(r);
  });
});

describe('a workspace policy blocks a PAT, then allows it again', { timeout: 90_000 }, () => {
  it('a year in which Notion rejects a PAT for ten days: it is re-checked all along, one "stopped working", one "works again"', async () => {
    now = new Date(T0);
    const r = await rig(); // the default 6 h interval
    const { token } = await addToken(r, 'ada-pat', { lifetimeDays: 365, spec: { identity: 'pat-person' } });
    const blockedFrom = T0 + 100 * DAY_MS;
    const allowedFrom = blockedFrom + 10 * DAY_MS;
    let blocked = false;
    const reports = await runUntil(r.monitor(), T0 + 364 * DAY_MS, (at) => {
      const shouldBe = at >= blockedFrom && at < allowedFrom;
      if (shouldBe !== blocked) notion().updateToken(token, { revoked: shouldBe });
      blocked = shouldBe;
    });

    const policy = r.sent.filter((s) => ['Notion token stopped working', 'Notion token works again'].includes(s.notification.title));
    expect(policy.map((s) => s.notification.title)).toEqual(['Notion token stopped working', 'Notion token works again']);
    const [stopped, back] = policy;
    expect(stopped?.at).toBeGreaterThanOrEqual(blockedFrom);
    expect(stopped?.at).toBeLessThan(blockedFrom + 8 * HOUR_MS);
    expect(stopped?.notification.body).toContain('workspace policy');
    expect(back?.at).toBeGreaterThanOrEqual(allowedFrom);
    expect(back?.at).toBeLessThan(allowedFrom + 8 * HOUR_MS);
    expect(back?.notification).toMatchObject({ urgency: 'normal', entryId: (await entryNamed(r, 'ada-pat')).id });
    expect(back?.notification.body).toContain('ada-pat (Acme)');
    // Rejected, it kept being checked at the normal interval (6 h ± 10%): about 40 times in ten days.
    const rejected = reports.flatMap((rep) => rep.checked.filter((c) => c.outcome === 'unauthorized'));
    expect(rejected.length).toBeGreaterThanOrEqual(Math.floor(40 / 1.1) - 1);
    expect(rejected.length).toBeLessThanOrEqual(Math.ceil(40 / 0.9) + 1);
    // And nothing else was said but the expiry warnings.
    expect(titles(r.sent).filter((t) => !t.startsWith('Notion token expires in'))).toEqual(['Notion token stopped working', 'Notion token works again']);
    expect((await entryNamed(r, 'ada-pat')).status).toBe('valid');
    expectNoTokenLeaked(r);
  });
});

describe('per workspace', { timeout: 90_000 }, () => {
  /**
   * `count` internal tokens on an emulator answering in 25 ms, token i in workspace `workspaceOf(i)`,
   * and a monitor that has checked each once (so it knows their workspaces).
   */
  async function inLanes(count: number, workspaceOf: (i: number) => string, work: (slow: NotionEmulator, r: Rig, monitor: Monitor) => Promise<void>): Promise<void> {
    now = new Date(T0);
    const slow = await startNotionEmulator({ latencyMs: 25 });
    try {
      const r = await rig();
      r.baseUrl = slow.url;
      for (let i = 0; i < count; i++) await addToken(r, `t${String(i)}`, { kind: 'internal', on: slow, spec: { workspaceName: workspaceOf(i) } });
      const monitor = r.monitor();
      await monitor.runDue();
      await work(slow, r, monitor);
    } finally {
      await slow.stop();
    }
  }

  it('twenty tokens in two workspaces: never more than two requests in flight per workspace', async () => {
    await inLanes(20, (i) => (i % 2 === 0 ? 'Lane A' : 'Lane B'), async (slow, r, monitor) => {
      slow.clearLog();
      const report = await monitor.checkNow((await r.vault.entries()).map((e) => e.id));
      expect(report.checked.filter((c) => c.outcome === 'ok')).toHaveLength(20);
      expect(slow.maxInFlight('Lane A')).toBe(2);
      expect(slow.maxInFlight('Lane B')).toBe(2);
      expect(slow.requests()).toHaveLength(40);
    });
  });

  it('in the background at most four checks at a time over six workspaces; Check now, which a person waits on, as wide as check; each workspace still at most two requests in flight', async () => {
    await inLanes(18, (i) => `Lane ${String(i % 6)}`, async (slow, r, monitor) => {
      const lanes = (): number[] => Array.from({ length: 6 }, (_, w) => slow.maxInFlight(`Lane ${String(w)}`));

      now = new Date(T0 + 7 * HOUR_MS); // every token due again (6 h ± 10%)
      slow.clearLog();
      const scheduled = await monitor.runDue();
      expect(scheduled.checked.filter((c) => c.outcome === 'ok')).toHaveLength(18);
      expect(slow.maxInFlightAll()).toBe(MONITOR_CHECKS);
      for (const peak of lanes()) expect(peak).toBeLessThanOrEqual(2);

      slow.clearLog();
      const asked = await monitor.checkNow((await r.vault.entries()).map((e) => e.id));
      expect(asked.checked.filter((c) => c.outcome === 'ok')).toHaveLength(18);
      expect(slow.maxInFlightAll()).toBeGreaterThan(MONITOR_CHECKS);
      for (const peak of lanes()) expect(peak).toBeLessThanOrEqual(2);
    });
  });

  it('a workspace-wide 429 (Retry-After 120 s) backs that workspace off whole; the other goes on', async () => {
    now = new Date(T0);
    const r = await rig();
    const a = await Promise.all(Array.from({ length: 6 }, (_, i) => addToken(r, `a${String(i)}`, { kind: 'internal', spec: { workspaceName: 'Busy' } })));
    const b = await Promise.all(Array.from({ length: 3 }, (_, i) => addToken(r, `b${String(i)}`, { kind: 'internal', spec: { workspaceName: 'Calm' } })));
    const monitor = r.monitor();
    await monitor.runDue();
    notion().throttleWorkspace('Busy', 120);
    try {
      const start = Date.now();
      const report = await monitor.checkNow((await r.vault.entries()).map((e) => e.id));
      // Nothing waited two minutes: the backoff is scheduled, not slept.
      expect(Date.now() - start).toBeLessThan(10_000);
      const busyRequests = a.flatMap(({ token }) => notion().requests(token).filter((q) => q.at >= start));
      expect(busyRequests.length).toBeGreaterThan(0);
      expect(busyRequests.length).toBeLessThanOrEqual(2);
      for (const { token } of b) expect(notion().requests(token).filter((q) => q.at >= start)).toHaveLength(2);
      expect(report.checked.filter((c) => c.name.startsWith('b')).map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok']);
      for (const { entry } of a) {
        const e = await entryNamed(r, entry.name);
        expect(e.lastError?.code).toBe('rate_limited');
        // From the 429 (the ones not sent: from when they would have been), not from the pass's start.
        expect(Date.parse(e.nextCheckAt ?? 'missing') - now.getTime()).toBeGreaterThanOrEqual(119_000);
      }
      expect(r.logs.some((line) => line.startsWith('rate limited: a workspace waits 120 s'))).toBe(true);

      // A minute later, an entry of the busy workspace checked now is still not asked: the workspace waits.
      now = new Date(now.getTime() + 60_000);
      const asked = Date.now();
      await monitor.checkNow([a[0]?.entry.id ?? 'missing']);
      expect(notion().requests(a[0]?.token).filter((q) => q.at >= asked)).toEqual([]);

      // Once Notion allows it again and the wait is over, the workspace is checked again.
      notion().throttleWorkspace('Busy', null);
      now = new Date(now.getTime() + 61_000);
      const later = await monitor.checkNow(a.map(({ entry }) => entry.id));
      expect(later.checked.map((c) => c.outcome)).toEqual(Array.from({ length: 6 }, () => 'ok'));
    } finally {
      notion().throttleWorkspace('Busy', null);
    }
  });
});

describe('Notion unreachable or failing', () => {
  it('HTTP 500: status unknown, no "stopped working", backoff 1, 2, 4, 8 … 60 min', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const { token } = await addToken(r, 'acme-internal', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue(); // valid
    expect((await entryNamed(r, 'acme-internal')).status).toBe('valid');
    notion().updateToken(token, { fail: { http: 500 } });
    now = new Date(Date.parse((await entryNamed(r, 'acme-internal')).nextCheckAt ?? 'missing'));

    const deltas: number[] = [];
    const checkedAt: number[] = [];
    for (let i = 0; i < 9; i++) {
      const at = now.getTime();
      const report = await monitor.runDue();
      expect(report.checked).toEqual([{ name: 'acme-internal', outcome: 'unknown' }]);
      const e = await entryNamed(r, 'acme-internal');
      expect(e.status).toBe('unknown');
      expect(e.lastDecided?.status).toBe('valid');
      expect(e.failStreak).toBe(i + 1);
      deltas.push(Date.parse(e.nextCheckAt ?? 'missing') - at);
      expect(report.nextAt).toBe(Date.parse(e.nextCheckAt ?? 'missing'));
      checkedAt.push(at);
      now = new Date(report.nextAt ?? 0);
    }
    expect(deltas).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MIN_MS));
    // One request per failed check (a 500 is not retried), none while backing off.
    expect(notion().requests(token).filter((q) => q.path === '/v1/users/me')).toHaveLength(1 + 9);
    expect(r.sent).toEqual([]);
    expect(r.logs.some((l) => l.includes('acme-internal: unknown'))).toBe(true);
  });

  it('the emulator stopped: unknown with a network error, backoff grows, no notification; online() checks at once', async () => {
    now = new Date(T0);
    const down = await startNotionEmulator();
    const r = await rig({ checkIntervalHours: 24 });
    r.baseUrl = down.url;
    const { token } = await addToken(r, 'acme-internal', { kind: 'internal', on: down });
    const steady = await addToken(r, 'steady', { kind: 'internal', on: down });
    const monitor = r.monitor();
    await monitor.runDue();
    await down.stop();
    now = new Date(T0 + 27 * HOUR_MS); // both due (24 h ± 10%)

    const deltas: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = now.getTime();
      const report = await monitor.runDue();
      expect(report.checked.map((c) => c.outcome)).toEqual(['unknown', 'unknown']);
      const e = await entryNamed(r, 'acme-internal');
      expect(e.lastError?.code).toBe('network');
      deltas.push(Date.parse(e.nextCheckAt ?? 'missing') - at);
      now = new Date(report.nextAt ?? 0);
    }
    expect(deltas).toEqual([1, 2, 4, 8, 16].map((m) => m * MIN_MS));
    expect(r.sent).toEqual([]);

    // Back online (elsewhere), 1 minute into the 16-minute backoff: online() checks both unknown entries now.
    const up = await startNotionEmulator();
    try {
      up.setToken(token, { identity: 'internal', workspaceName: 'Acme' });
      up.setToken(steady.token, { identity: 'internal', workspaceName: 'Acme' });
      r.baseUrl = up.url;
      const before = await entryNamed(r, 'acme-internal');
      now = new Date(now.getTime() - 15 * MIN_MS);
      expect(Date.parse(before.nextCheckAt ?? 'missing')).toBeGreaterThan(now.getTime());
      expect((await monitor.runDue()).checked).toEqual([]);
      const report = await monitor.online();
      expect(report.checked.map((c) => c.outcome)).toEqual(['ok', 'ok']);
      const after = await entryNamed(r, 'acme-internal');
      expect(after.status).toBe('valid');
      expect(after.failStreak).toBe(0);
      expect(Date.parse(after.nextCheckAt ?? 'missing') - now.getTime()).toBeGreaterThanOrEqual(0.9 * 24 * HOUR_MS);
      // online() again: nothing is unknown any more, nothing is checked.
      expect((await monitor.online()).checked).toEqual([]);
      expect(up.requests(token)).toHaveLength(2);
      expect(r.sent).toEqual([]);
    } finally {
      await up.stop();
    }
  });

  it('429 with Retry-After: 600 → the next check is at least 10 minutes later, and no retry is waited out', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const { token } = await addToken(r, 'busy', { kind: 'internal', spec: { fail: { http: 429, retryAfter: '600' } } });
    const started = Date.now();
    const report = await r.monitor().runDue();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.checked).toEqual([{ name: 'busy', outcome: 'unknown' }]);
    const e = await entryNamed(r, 'busy');
    expect(e.lastError?.code).toBe('rate_limited');
    expect(Date.parse(e.nextCheckAt ?? 'missing') - T0).toBeGreaterThanOrEqual(10 * MIN_MS);
    expect(report.nextAt).toBe(Date.parse(e.nextCheckAt ?? 'missing'));
    expect(notion().requests(token)).toHaveLength(1);
    expect(r.sent).toEqual([]);
  });

  it('online() after failures checks only the unknown entries, before their backoff ends', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const flaky = await addToken(r, 'flaky', { kind: 'internal', spec: { fail: { http: 503 } } });
    const fine = await addToken(r, 'fine', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue();
    now = new Date(T0 + MIN_MS);
    await monitor.runDue();
    now = new Date(T0 + 3 * MIN_MS);
    await monitor.runDue();
    const e = await entryNamed(r, 'flaky');
    expect(e.status).toBe('unknown');
    expect(e.failStreak).toBe(3);
    now = new Date(T0 + 4 * MIN_MS); // the backoff runs to T0 + 7 min
    notion().updateToken(flaky.token, { fail: undefined });
    const fineRequests = notion().requests(fine.token).length;

    const report = await monitor.online();
    expect(report.checked).toEqual([{ name: 'flaky', outcome: 'ok' }]);
    expect(notion().requests(fine.token)).toHaveLength(fineRequests);
    expect((await entryNamed(r, 'flaky')).status).toBe('valid');
    expect(r.sent).toEqual([]);
  });

  it('resume() after sleep runs exactly what fell due meanwhile', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    await addToken(r, 'first', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue();
    now = new Date(T0 + 12 * HOUR_MS);
    await addToken(r, 'second', { kind: 'internal' });
    await monitor.runDue(); // checks "second" only
    // Asleep until 30 h: "first" (due ~24 h) fell due, "second" (due ~36 h) did not.
    now = new Date(T0 + 30 * HOUR_MS);
    const report = await monitor.resume();
    expect(report.checked).toEqual([{ name: 'first', outcome: 'ok' }]);
    // And a PAT threshold crossed during the sleep is announced on resume.
    const pat = await addToken(r, 'pat', { lifetimeDays: 40, createdAt: T0 });
    await monitor.checkNow([pat.entry.id]); // 35 days left: nothing yet
    now = new Date(T0 + 12 * DAY_MS);
    const woke = await monitor.resume();
    expect(woke.notified.map((n) => n.title)).toEqual(['Notion token expires in 28 days']);
    expect(woke.checked.map((c) => c.name).sort()).toEqual(['first', 'pat', 'second']);
  });
});

describe('checkNow', () => {
  it('checks just the entries named, whatever their schedule', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const a = await addToken(r, 'alpha', { kind: 'internal' });
    const b = await addToken(r, 'beta', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue();
    now = new Date(T0 + HOUR_MS);
    const countA = notion().requests(a.token).length;
    const countB = notion().requests(b.token).length;

    const report = await monitor.checkNow([a.entry.id]);
    expect(report.checked).toEqual([{ name: 'alpha', outcome: 'ok' }]);
    expect(notion().requests(a.token)).toHaveLength(countA + 2);
    expect(notion().requests(b.token)).toHaveLength(countB);
    const alpha = await entryNamed(r, 'alpha');
    expect(alpha.lastCheckedAt).toBe(iso(T0 + HOUR_MS));
    expect(Date.parse(alpha.nextCheckAt ?? 'missing') - (T0 + HOUR_MS)).toBeGreaterThanOrEqual(0.9 * 24 * HOUR_MS);
    expect((await entryNamed(r, 'beta')).lastCheckedAt).toBe(iso(T0));

    // An id that is not (or no longer) in the vault: nothing happens.
    expect((await monitor.checkNow(['no-such-id'])).checked).toEqual([]);
  });

  it('a revoked token checked now is reported at once, once', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const a = await addToken(r, 'alpha', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue();
    notion().revoke(a.token);
    now = new Date(T0 + HOUR_MS);
    expect((await monitor.checkNow([a.entry.id])).notified.map((n) => n.title)).toEqual(['Notion token stopped working']);
    expect((await monitor.checkNow([a.entry.id])).notified).toEqual([]);
    expect(r.sent).toHaveLength(1);
  });
});

describe('the keychain is locked', () => {
  it('the check is skipped without a request, backs off, and runs once the keychain opens', async () => {
    now = new Date(T0);
    const store = createMemoryStore();
    const r = await rig({ checkIntervalHours: 24 }, { store });
    const { token } = await addToken(r, 'acme-internal', { kind: 'internal' });
    store.locked = true;
    // Locked as a keyring is: reads say nothing, writes and the probe fail with the keychain error (exit 3).
    await expect(r.vault.add({ ...(await entryNamed(r, 'acme-internal')), name: 'another' }, fakeToken())).rejects.toMatchObject({ name: 'VaultError', exitCode: 3 });
    await expect(store.probe()).rejects.toThrow(/keychain is locked/);
    const monitor = r.monitor();
    const deltas: number[] = [];
    for (let i = 0; i < 4; i++) {
      const at = now.getTime();
      const report = await monitor.runDue();
      expect(report.checked).toEqual([]);
      expect(report.nextAt).toBeGreaterThan(at);
      deltas.push((report.nextAt ?? 0) - at);
      now = new Date(report.nextAt ?? 0);
    }
    expect(deltas).toEqual([1, 2, 4, 8].map((m) => m * MIN_MS));
    expect(notion().requests(token)).toHaveLength(0);
    expect(r.logs.some((l) => l.includes('skipped') && l.includes('locked'))).toBe(true);
    expect((await entryNamed(r, 'acme-internal')).status).toBe('unchecked');
    store.locked = false;
    expect((await monitor.runDue()).checked).toEqual([{ name: 'acme-internal', outcome: 'ok' }]);
    expect((await entryNamed(r, 'acme-internal')).failStreak).toBe(0);
  });
});

describe('the armed timer', () => {
  interface Armed {
    ms: number;
    run: () => void;
    handle: number;
  }
  function recordingTimers(): { armed: Armed[]; cleared: number[]; timers: Timers; live: () => number } {
    const armed: Armed[] = [];
    const cleared: number[] = [];
    let next = 1;
    return {
      armed,
      cleared,
      live: () => armed.filter((a) => !cleared.includes(a.handle)).length,
      timers: {
        setTimeout(run, ms) {
          const handle = next++;
          armed.push({ ms, run, handle });
          return handle;
        },
        clearTimeout(handle) {
          if (typeof handle === 'number') cleared.push(handle);
        },
      },
    };
  }

  it('after each pass it waits nextAt − now; one timer at a time; stop() disarms', async () => {
    now = new Date(T0);
    const r = await rig();
    await addToken(r, 'acme-internal', { kind: 'internal' });
    await addToken(r, 'pat', { lifetimeDays: 20 });
    const rec = recordingTimers();
    const monitor = r.monitor({ timers: rec.timers });
    const first = await monitor.start();
    expect(rec.armed).toHaveLength(1);
    expect(rec.armed[0]?.ms).toBe((first.nextAt ?? 0) - T0);

    for (let i = 0; i < 120; i++) {
      const last = rec.armed.at(-1);
      if (last === undefined) throw new Error('no timer armed');
      // Sometimes the timer fires, sometimes something else runs a pass first (an arbitrary moment before).
      if (i % 3 === 2) now = new Date(now.getTime() + Math.floor(last.ms / 3));
      else now = new Date(now.getTime() + last.ms);
      const at = now.getTime();
      const report = await monitor.runDue();
      const armed = rec.armed.at(-1);
      expect(armed?.handle).not.toBe(last.handle);
      expect(armed?.ms).toBe(Math.min((report.nextAt ?? 0) - at, DAY_MS));
      expect(rec.live()).toBe(1);
    }
    expect(titles(r.sent)).toContain('Notion token expires in 14 days');

    await monitor.stop();
    expect(rec.live()).toBe(0);
    const count = rec.armed.length;
    await monitor.runDue();
    expect(rec.armed).toHaveLength(count);
  });

  it('a far event is capped at 24 h: a lone 1-year PAT with a 30-day interval wakes daily, checking nothing', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 * 30 });
    const { token } = await addToken(r, 'year-pat', { lifetimeDays: 365 });
    const rec = recordingTimers();
    const monitor = r.monitor({ timers: rec.timers });
    const first = await monitor.start();
    expect(first.checked).toEqual([{ name: 'year-pat', outcome: 'ok' }]);
    expect(first.nextAt).toBeGreaterThanOrEqual(T0 + 27 * DAY_MS);
    expect(rec.armed.map((a) => a.ms)).toEqual([DAY_MS]);
    const requests = notion().requests(token).length;

    // The timer fires (as the real one would, a day later): it plans again and re-arms for a day.
    for (let day = 1; day <= 3; day++) {
      now = new Date(T0 + day * DAY_MS);
      rec.armed.at(-1)?.run();
      await vi.waitFor(() => {
        expect(rec.armed).toHaveLength(day + 1);
      });
      expect(rec.armed.at(-1)?.ms).toBe(DAY_MS);
    }
    expect(notion().requests(token)).toHaveLength(requests);
    await monitor.stop();
  });

  it('a threshold closer than the next check is what the timer waits for', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    await addToken(r, 'pat', { lifetimeDays: 30, createdAt: T0 - 16 * DAY_MS + 3 * HOUR_MS }); // 14-day threshold in 3 h
    const rec = recordingTimers();
    const monitor = r.monitor({ timers: rec.timers });
    const first = await monitor.start();
    expect(first.nextAt).toBe(T0 + 3 * HOUR_MS);
    expect(rec.armed.at(-1)?.ms).toBe(3 * HOUR_MS);
    await monitor.stop();
  });
});

describe('a change while a check is in flight', () => {
  it('a token rotated while the monitor checks its old (revoked) secret: the stale verdict is not applied to the new one', async () => {
    now = new Date(T0);
    const r = await rig({ checkIntervalHours: 24 });
    const old = await addToken(r, 'acme-internal', { kind: 'internal' });
    const monitor = r.monitor();
    await monitor.runDue();
    expect(notion().requests(old.token)).toHaveLength(2);

    // The old token was revoked in Notion; its daily check is on the wire (slowly) when the
    // person rotates a new, working token in (as `notion-vault rotate` does, after checking it).
    notion().revoke(old.token);
    notion().updateToken(old.token, { delayMs: 500 });
    const fresh = fakeToken();
    notion().setToken(fresh, { identity: 'internal', workspaceName: 'Acme' });
    r.tokens.push(fresh);
    now = new Date(T0 + 2 * DAY_MS);
    const pass = monitor.runDue();
    await vi.waitFor(() => {
      expect(notion().requests(old.token)).toHaveLength(3);
    });
    const at = now.toISOString();
    await r.vault.rotate('acme-internal', fresh, (current) => ({
      ...current, status: 'valid', lastCheckedAt: at, lastOkAt: at, lastError: null, lastDecided: { status: 'valid', at }, warned: [], nextCheckAt: null, failStreak: 0,
    }));
    await pass;

    // The new secret works: the entry must not say invalid, and nobody must be told it stopped working.
    expect.soft(titles(r.sent)).toEqual([]);
    expect.soft((await entryNamed(r, 'acme-internal')).status).toBe('valid');
    expect.soft((await entryNamed(r, 'acme-internal')).lastDecided?.status).toBe('valid');
  });
});
