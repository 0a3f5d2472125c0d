// `notion-vault watch` as cron or a person runs it: the built CLI as a subprocess, the real
// keychain (with-keyring.sh), the Notion API emulator, and a fake `notify-send` first on PATH
// that records every desktop notification the CLI sends. NOTION_VAULT_NOW moves the clock.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entry, Settings } from '../../electron/common/types';
import { CLI, fakeToken, makeVaultEnv, runCli, type CliResult, type VaultEnv } from '../support/cli';
import { installFakeNotifySend, type FakeNotifySend } from '../support/fake-notify-send';
import { startNotionEmulator, type NotionEmulator, type TokenSpec } from '../support/notion-emulator';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

// ---------------------------------------------------------------------------
// Helpers

const APP_NAME = 'Notion Token Vault';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** NOW for the CLI, as ISO, `ms` after `base`. */
const at = (base: string, ms = 0): string => new Date(Date.parse(base) + ms).toISOString();

interface Setup {
  v: VaultEnv;
  fake: FakeNotifySend;
}

/** A fresh vault pointed at the emulator, with a fake notify-send of its own first on PATH. */
function setup(on: NotionEmulator = notion()): Setup {
  const fake = installFakeNotifySend();
  return { fake, v: makeVaultEnv({ NOTION_API_BASE_URL: on.url, ...fake.env }) };
}

function cli(v: VaultEnv, args: readonly string[], now: string, options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return runCli(args, { input: options.input, env: { ...v.env, NOTION_VAULT_NOW: now, ...options.env } });
}

function tokenAt(spec: TokenSpec, on: NotionEmulator = notion()): string {
  const token = fakeToken();
  on.setToken(token, spec);
  return token;
}

/** `add` a PAT (the emulator's person identity) with its dates, expecting success. */
async function addPat(v: VaultEnv, now: string, name: string, dates: { created: string; expires: string }, on: NotionEmulator = notion()): Promise<string> {
  const token = tokenAt({ identity: 'pat-person' }, on);
  const r = await cli(v, ['add', '--name', name, '--workspace', 'Acme', '--created', dates.created, '--expires', dates.expires], now, { input: `${token}\n` });
  if (r.code !== 0) throw new Error(`add ${name} exited ${String(r.code)}: ${r.stderr}`);
  return token;
}

async function addInternal(v: VaultEnv, now: string, name: string, on: NotionEmulator = notion()): Promise<string> {
  const token = tokenAt({ identity: 'internal', workspaceName: 'Acme' }, on);
  const r = await cli(v, ['add', '--name', name], now, { input: `${token}\n` });
  if (r.code !== 0) throw new Error(`add ${name} exited ${String(r.code)}: ${r.stderr}`);
  return token;
}

/** `watch --once` at `now`, expecting exit 0 and nothing on stderr. */
async function watchOnce(v: VaultEnv, now: string, env: Record<string, string> = {}): Promise<string[]> {
  const r = await cli(v, ['watch', '--once'], now, { env });
  expect(r.code, `watch --once at ${now}: ${r.stderr}`).toBe(0);
  expect(r.stderr).toBe('');
  return lines(r.stdout);
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** The `notify: …` lines of a watch log. */
const notifyLines = (log: readonly string[]): string[] => log.filter((line) => / notify: /.test(line));

interface Call {
  title: string;
  body: string;
  urgency: string | undefined;
  appName: string | undefined;
  argv: string[];
}

/** notify-send's argv as node-notifier builds it: title, body, then `--flag value` pairs. */
function parseCall(argv: string[]): Call {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  return { title: argv[0] ?? '', body: argv[1] ?? '', urgency: flag('urgency'), appName: flag('app-name'), argv };
}

/** The calls since `seen` of them were already looked at. */
function newCalls(fake: FakeNotifySend, seen: number): Call[] {
  return fake.readCalls().slice(seen).map(parseCall);
}

interface VaultDoc {
  schemaVersion: number;
  entries: Entry[];
  settings?: Partial<Settings>;
}

const vaultPath = (v: VaultEnv): string => join(v.home, 'vault.json');
const readVault = (v: VaultEnv): VaultDoc => JSON.parse(readFileSync(vaultPath(v), 'utf8')) as VaultDoc;

function entryNamed(v: VaultEnv, name: string): Entry {
  const entry = readVault(v).entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no entry named ${name} in vault.json`);
  return entry;
}

function one<T>(items: readonly T[], what: string): T {
  const [first, ...rest] = items;
  if (first === undefined || rest.length > 0) throw new Error(`expected exactly one ${what}, got ${String(items.length)}: ${JSON.stringify(items)}`);
  return first;
}

function artifacts(): string {
  const root = process.env.NV_TEST_ARTIFACTS;
  if (!root) throw new Error('NV_TEST_ARTIFACTS is not set: run the tests through vitest.config.ts');
  return root;
}

// ---------------------------------------------------------------------------

describe.concurrent('watch --once: expiry warnings', () => {
  it('a PAT expiring in 10 days: one notification, none on the next run, one at 3 days, one critical on expiry; then status exits 1', async () => {
    const { v, fake } = setup();
    const t0 = '2026-11-01T09:00:00.000Z';
    await addPat(v, t0, 'acme-pat', { created: '2025-11-11', expires: '2026-11-11' });

    const first = await watchOnce(v, t0);
    const firstNotice = one(notifyLines(first), 'notify line');
    expect(firstNotice).toContain('notify: Notion token expires in 10 days: acme-pat (Acme) expires on 2026-11-11');
    const call = one(newCalls(fake, 0), 'notify-send call');
    expect(call.title).toBe('Notion token expires in 10 days');
    expect(call.body).toContain('acme-pat');
    expect(call.body).toContain('notion-vault rotate acme-pat');
    expect(call.argv).toEqual([call.title, call.body, '--urgency', 'normal', '--app-name', APP_NAME, '--expire-time', '10000']);
    // The 30- and 14-day thresholds passed unannounced: recorded together with the 10-day notice.
    expect(entryNamed(v, 'acme-pat').warned).toEqual([30, 14]);

    const again = await watchOnce(v, at(t0, MINUTE));
    expect(notifyLines(again)).toEqual([]);
    expect(again.join('\n')).toContain('nothing due');
    expect(fake.readCalls()).toHaveLength(1);

    const threeDays = await watchOnce(v, at(t0, 7 * 24 * HOUR));
    expect(one(notifyLines(threeDays), 'notify line')).toContain('notify: Notion token expires in 3 days: acme-pat');
    const second = one(newCalls(fake, 1), 'notify-send call');
    expect(second.title).toBe('Notion token expires in 3 days');
    expect(second.body).toContain('acme-pat');
    expect(second.urgency).toBe('normal');

    const expiredAt = '2026-11-11T09:00:00.000Z';
    const expired = await watchOnce(v, expiredAt);
    expect(one(notifyLines(expired), 'notify line')).toContain('notify: Notion token expired: acme-pat (Acme) expired on 2026-11-11');
    const third = one(newCalls(fake, 2), 'notify-send call');
    expect(third.title).toBe('Notion token expired');
    expect(third.body).toContain('acme-pat');
    expect(third.urgency).toBe('critical');
    expect(third.appName).toBe(APP_NAME);

    const later = await watchOnce(v, at(expiredAt, HOUR));
    expect(notifyLines(later)).toEqual([]);
    expect(fake.readCalls()).toHaveLength(3);

    const status = await cli(v, ['status'], expiredAt);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('acme-pat');
  });

  it('five PATs crossing thresholds in the same pass: one notification, "5 tokens need attention"', async () => {
    const { v, fake } = setup();
    const t0 = '2026-11-01T09:00:00.000Z';
    const expiries = ['2026-11-03', '2026-11-06', '2026-11-11', '2026-11-20', '2026-11-25'];
    for (const [i, expires] of expiries.entries()) {
      await addPat(v, t0, `pat-${String(i + 1)}`, { created: '2025-11-11', expires });
    }

    const log = await watchOnce(v, t0);
    expect(one(notifyLines(log), 'notify line')).toContain('notify: 5 tokens need attention: ');
    const call = one(newCalls(fake, 0), 'notify-send call');
    expect(call.title).toBe('5 tokens need attention');
    expect(call.urgency).toBe('normal');
    expect(call.body).toContain('pat-1: expires in 2 days');
    expect(call.body).toContain('and 1 more');
    expect(call.body).toContain('notion-vault status');
    // Each entry's threshold is now taken: nothing more until the next one.
    expect(readVault(v).entries.every((e) => e.warned.length > 0)).toBe(true);
    expect(notifyLines(await watchOnce(v, at(t0, MINUTE)))).toEqual([]);
    expect(fake.readCalls()).toHaveLength(1);
  });

  it('notifications off in settings: the event is logged, notify-send is never called', async () => {
    const { v, fake } = setup();
    const t0 = '2026-11-01T09:00:00.000Z';
    await addPat(v, t0, 'quiet-pat', { created: '2025-11-11', expires: '2026-11-11' });
    const doc = readVault(v);
    writeFileSync(vaultPath(v), `${JSON.stringify({ ...doc, settings: { notifications: false } }, null, 2)}\n`);

    const log = await watchOnce(v, t0);
    expect(one(notifyLines(log), 'notify line')).toContain('notify: Notion token expires in 10 days: quiet-pat');
    expect(fake.readCalls()).toEqual([]);
    // The threshold still counts as announced, and the setting survives the monitor's write.
    expect(entryNamed(v, 'quiet-pat').warned).toEqual([30, 14]);
    expect(readVault(v).settings).toEqual({ notifications: false });
  });
});

describe.concurrent('watch --once: checks', () => {
  it('a token revoked at Notion: one "stopped working" notification once its check is due, then none', async () => {
    const { v, fake } = setup();
    const t0 = '2026-06-01T09:00:00.000Z';
    const token = await addInternal(v, t0, 'acme-bot');
    const afterAdd = notion().requests(token).length;
    expect(afterAdd).toBeGreaterThan(0);
    notion().revoke(token);

    // The add checked it at t0; the next check is due 6 h later.
    const early = await watchOnce(v, at(t0, HOUR));
    expect(early.join('\n')).toContain('nothing due');
    expect(notion().requests(token)).toHaveLength(afterAdd);
    expect(fake.readCalls()).toEqual([]);

    const due = await watchOnce(v, at(t0, 7 * HOUR));
    expect(due.join('\n')).toContain('check acme-bot: invalid');
    expect(notion().requests(token).length).toBeGreaterThan(afterAdd);
    expect(one(notifyLines(due), 'notify line')).toContain('notify: Notion token stopped working: acme-bot (Acme)');
    const call = one(newCalls(fake, 0), 'notify-send call');
    expect(call.title).toBe('Notion token stopped working');
    expect(call.body).toContain('acme-bot');
    expect(call.urgency).toBe('critical');

    // An hour later nothing is due; once the next check is due it is still invalid, and not said again.
    expect(notifyLines(await watchOnce(v, at(t0, 8 * HOUR)))).toEqual([]);
    const requestsBefore = notion().requests(token).length;
    const recheck = await watchOnce(v, at(t0, 15 * HOUR));
    expect(recheck.join('\n')).toContain('check acme-bot: invalid');
    expect(notion().requests(token).length).toBeGreaterThan(requestsBefore);
    expect(notifyLines(recheck)).toEqual([]);
    expect(fake.readCalls()).toHaveLength(1);
  });

  it('Notion down: the entry stays unknown, no notification, the next try is logged and backs off 1, 2, 4 min', async () => {
    const down = await startNotionEmulator();
    const { v, fake } = setup(down);
    const t0 = '2026-06-01T09:00:00.000Z';
    await addInternal(v, t0, 'acme-bot', down);
    await down.stop();

    let now = at(t0, 7 * HOUR);
    const waits: number[] = [];
    for (const streak of [1, 2, 3]) {
      const log = await watchOnce(v, now);
      const check = one(log.filter((line) => line.includes('check acme-bot:')), 'check line');
      expect(check).toContain('check acme-bot: unknown (Cannot reach Notion');
      const entry = entryNamed(v, 'acme-bot');
      expect(entry.status).toBe('unknown');
      expect(entry.failStreak).toBe(streak);
      expect(entry.lastDecided?.status).toBe('valid');
      const next = entry.nextCheckAt ?? '';
      expect(check).toContain(`; next try ${next}`);
      waits.push(Date.parse(next) - Date.parse(now));
      expect(notifyLines(log)).toEqual([]);
      // Just before the next try nothing is due, and Notion is not asked.
      expect((await watchOnce(v, at(next, -1000))).join('\n')).toContain('nothing due');
      now = next;
    }
    expect(waits).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);

    const listed = await cli(v, ['list', '--json'], now);
    expect(listed.code).toBe(0);
    const entries = (JSON.parse(listed.stdout) as { entries: Entry[] }).entries;
    expect(one(entries, 'entry')).toMatchObject({ name: 'acme-bot', status: 'unknown' });
    expect(fake.readCalls()).toEqual([]);
  });
});

describe.concurrent('watch and the desktop', () => {
  it('no notify-send on PATH: exit 0, one line with the fix; doctor warns with the fix', async () => {
    const { v } = setup();
    const bin = mkdtempSync(join(artifacts(), 'no-notify-send-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const env = { PATH: bin };
    const t0 = '2026-11-01T09:00:00.000Z';
    await addPat(v, t0, 'acme-pat', { created: '2025-11-11', expires: '2026-11-11' });

    const r = await cli(v, ['watch', '--once'], t0, { env });
    expect(r.code, r.stderr).toBe(0);
    const log = lines(r.stdout);
    expect(one(notifyLines(log), 'notify line')).toContain('Notion token expires in 10 days');
    const missing = one(log.filter((line) => /notify-send/.test(line)), 'line about notify-send');
    expect(missing).toContain('notify-send is missing (install libnotify-bin)');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/TypeError|Error:|at .*\.js:\d+/);

    const doctor = await cli(v, ['doctor'], t0, { env });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    const notifier = one(lines(doctor.stdout).filter((line) => line.includes('notifier')), 'notifier line');
    expect(notifier).toMatch(/^warn\s+notifier\s/);
    expect(notifier).toContain('libnotify-bin');
  });

  it('notify-send that prints a warning on stderr and exits 0: watch --once still exits 0 without a crash', async () => {
    const fake = installFakeNotifySend({ stderr: '(notify-send:1): GLib-WARNING **: something minor\n' });
    const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url, ...fake.env });
    const t0 = '2026-11-01T09:00:00.000Z';
    await addPat(v, t0, 'acme-pat', { created: '2025-11-11', expires: '2026-11-11' });

    // node-notifier hands the callback notify-send's stderr *string* as the error when it exits 0
    // with output there; the notifier must still never throw (desktop-notifier.ts: "Never throws").
    const r = await cli(v, ['watch', '--once'], t0);
    expect(fake.readCalls()).toHaveLength(1);
    expect(one(notifyLines(lines(r.stdout)), 'notify line')).toContain('Notion token expires in 10 days: acme-pat');
    expect(r.stderr, 'watch --once crashed').not.toMatch(/TypeError|\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
  });

  it('without a keychain (no D-Bus session): exit 3 with one line', async () => {
    const { v } = setup();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: v.home, NOTION_VAULT_HOME: v.home, NOTION_VAULT_SERVICE: v.service, NOTION_API_BASE_URL: notion().url, NOTION_VAULT_NOW: '2026-11-01T09:00:00.000Z' };
    mkdirSync(v.home, { recursive: true });
    const r = await runCli(['watch', '--once'], { bareEnv: true, env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    const stderr = lines(r.stderr);
    expect(stderr, r.stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^notion-vault: No keychain is available: .*gnome-keyring/);
  });
});

// ---------------------------------------------------------------------------
// Continuous watch

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line matching, or rejects after `timeoutMs`. */
  waitForLine(match: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process exits (code, signal, all output). */
  exited: Promise<Exited>;
}

function spawnWatch(v: VaultEnv, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [CLI, 'watch'], { env: { ...process.env, ...v.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  const settle = (): void => {
    for (const waiter of [...waiters]) {
      const line = lines(stdout).find((l) => waiter.match.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    settle();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<Exited>((resolve) => {
    child.on('close', (code, signal) => {
      appendFileSync(join(artifacts(), 'outputs.jsonl'), `${JSON.stringify({ args: ['watch'], stdout, stderr })}\n`);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    exited,
    waitForLine(match, timeoutMs = 10_000) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no stdout line matching ${String(match)} within ${String(timeoutMs)} ms; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        waiters.push({ match, resolve: (line) => { clearTimeout(timer); resolve(line); } });
        settle();
      });
    },
  };
}

/** SIGTERM, then the exit (rejects if it takes more than 5 s). */
async function terminate(running: Running): Promise<Exited> {
  running.child.kill('SIGTERM');
  const timeout = new Promise<never>((_resolve, reject) => {
    setTimeout(() => { reject(new Error('watch did not exit within 5 s of SIGTERM')); }, 5_000).unref();
  });
  return Promise.race([running.exited, timeout]);
}

function killIfRunning(running: Running): void {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
}

describe.concurrent('watch (continuous)', () => {
  it('notices a token added while it runs, and stops on SIGTERM with exit 0 and "stopped"', async () => {
    const { v, fake } = setup();
    const t0 = '2026-11-01T09:00:00.000Z';
    await addInternal(v, t0, 'acme-bot');
    const running = spawnWatch(v, { NOTION_VAULT_NOW: t0 });
    try {
      const watching = await running.waitForLine(/ watching .*vault\.json; next event /);
      expect(watching).toContain(vaultPath(v));
      expect(fake.readCalls()).toEqual([]);

      // A PAT expiring in 10 days, added by the CLI while watch runs: the next pass warns about it.
      await addPat(v, t0, 'new-pat', { created: '2025-11-11', expires: '2026-11-11' });
      const notice = await running.waitForLine(/ notify: Notion token expires in 10 days: new-pat/);
      expect(notice).toContain('new-pat (Acme)');

      const sent = Date.now();
      const done = await terminate(running);
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(done.signal).toBeNull();
      expect(done.code, done.stderr).toBe(0);
      expect(lines(done.stdout).at(-1)).toMatch(/ stopped$/);
      expect(done.stderr).toBe('');
      // The log line comes before notify-send runs; stop() waits for the pass, so it has run by now.
      const call = one(newCalls(fake, 0), 'notify-send call');
      expect(call.title).toBe('Notion token expires in 10 days');
      expect(call.body).toContain('new-pat');
      expect(call.urgency).toBe('normal');
    } finally {
      killIfRunning(running);
    }
  });

  it('arms a timer for the next threshold: warns again when it falls due, with no vault change', async () => {
    const { v, fake } = setup();
    // The 3-day threshold of a PAT expiring 2026-11-11 is crossed at 2026-11-08T00:00Z, 3 s after this.
    const t0 = '2026-11-07T23:59:57.000Z';
    await addPat(v, t0, 'soon-pat', { created: '2025-11-11', expires: '2026-11-11' });
    const running = spawnWatch(v, { NOTION_VAULT_NOW: t0 });
    try {
      await running.waitForLine(/ notify: Notion token expires in 4 days: soon-pat/);
      expect(await running.waitForLine(/ watching /)).toContain('next event 2026-11-08T00:00:00.000Z');
      const next = await running.waitForLine(/ notify: Notion token expires in 3 days: soon-pat/);
      expect(Date.parse(next.slice(0, 24))).toBeGreaterThanOrEqual(Date.parse('2026-11-08T00:00:00.000Z'));
      const done = await terminate(running);
      expect(done.code, done.stderr).toBe(0);
      expect(newCalls(fake, 0).map((c) => c.title)).toEqual(['Notion token expires in 4 days', 'Notion token expires in 3 days']);
    } finally {
      killIfRunning(running);
    }
  });

  it('a vault.json it cannot use (written by a newer version) while it runs: it says so in its log', async () => {
    const { v } = setup();
    // The 3-day threshold of soon-pat falls due 5 s after this: the watch arms a timer for it.
    const t0 = '2026-11-07T23:59:55.000Z';
    await addPat(v, t0, 'soon-pat', { created: '2025-11-11', expires: '2026-11-11' });
    const running = spawnWatch(v, { NOTION_VAULT_NOW: t0 });
    try {
      await running.waitForLine(/ watching .*next event 2026-11-08T00:00:00.000Z/);
      // First a change it can read, to know it is watching the folder: it warns about the new PAT.
      await addPat(v, t0, 'probe-pat', { created: '2025-11-11', expires: '2026-11-20' });
      await running.waitForLine(/ notify: Notion token expires in 13 days: probe-pat/);
      // Then a newer app upgrades the vault while this older watch runs. The refresh this change
      // triggers, and at the latest the threshold due at 00:00:00, must report the problem
      // (as the timer's pass does: "monitor: … was written by a newer Notion Token Vault …").
      const doc = readVault(v);
      writeFileSync(vaultPath(v), `${JSON.stringify({ ...doc, schemaVersion: 99 }, null, 2)}\n`);
      const problem = await running.waitForLine(/newer Notion Token Vault/, 8_000);
      expect(problem).toContain('update notion-vault');
      const done = await terminate(running);
      expect(done.code, done.stderr).toBe(0);
    } finally {
      killIfRunning(running);
    }
  });
});
