import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../electron/common/status';
import { DEFAULT_SETTINGS, type Entry, type Settings } from '../../electron/common/types';
import type { CheckOutcome } from '../../electron/core/check/check-token';
import { backoffMs, checkDueAt, nextEventAt, pendingThresholds, scheduleAfter } from '../../electron/core/monitor/schedule';
import { entryFixture } from '../support/entry-fixture';

const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;
const T0 = '2026-01-01T00:00:00.000Z';
const AT = new Date('2026-03-01T12:00:00.000Z');

function entry(patch: Partial<Entry> = {}): Entry {
  return entryFixture({
    name: 'acme-pat',
    kind: 'pat',
    createdAt: T0,
    expiresAt: iso(Date.parse(T0) + 365 * DAY_MS),
    addedAt: T0,
    lastCheckedAt: T0,
    lastOkAt: T0,
    lastDecided: { status: 'valid', at: T0 },
    ...patch,
  });
}

const iso = (ms: number): string => new Date(ms).toISOString();
const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

const ok: CheckOutcome = {
  result: 'ok',
  me: { identity: { type: 'bot', id: 'bot-1', name: 'Vault Bot' }, owner: 'user', workspaceId: 'ws-acme', workspaceName: 'Acme' },
  pagesShared: true,
};
const unauthorized: CheckOutcome = { result: 'unauthorized', code: 'unauthorized', message: 'invalid' };
const unknown = (retryAfterMs: number | null = null): CheckOutcome => ({ result: 'unknown', code: 'network', message: 'offline', unreachable: true, retryAfterMs });

const delay = (fields: Pick<Entry, 'nextCheckAt'>): number => Date.parse(fields.nextCheckAt ?? 'missing') - AT.getTime();

describe('backoffMs', () => {
  it('doubles from 1 minute and stops at 1 hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map(backoffMs)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60].map((m) => m * MIN_MS));
  });

  it('treats a streak of 0 (or less) as the first failure', () => {
    expect(backoffMs(0)).toBe(MIN_MS);
    expect(backoffMs(-3)).toBe(MIN_MS);
  });
});

describe('scheduleAfter: decided checks', () => {
  it('random 0 → 0.9 × the interval, random 1 → 1.1 ×, 0.5 → the interval itself', () => {
    const s = settings({ checkIntervalHours: 6 });
    // 5.4 h, 6.6 h and 6 h, to the millisecond (nextCheckAt is an ISO date: whole ms).
    expect(delay(scheduleAfter(entry(), ok, AT, s, () => 0))).toBe(19_440_000);
    expect(delay(scheduleAfter(entry(), ok, AT, s, () => 1))).toBe(23_760_000);
    expect(delay(scheduleAfter(entry(), ok, AT, s, () => 0.5))).toBe(21_600_000);
  });

  it('stays within ±10% of the interval for any random value, with the default Math.random too', () => {
    const s = settings({ checkIntervalHours: 24 });
    for (let i = 0; i <= 100; i++) {
      const d = delay(scheduleAfter(entry(), ok, AT, s, () => i / 100));
      expect(d).toBeGreaterThanOrEqual(0.9 * 24 * HOUR_MS);
      expect(d).toBeLessThanOrEqual(1.1 * 24 * HOUR_MS);
    }
    for (let i = 0; i < 50; i++) {
      const d = delay(scheduleAfter(entry(), ok, AT, s));
      expect(d).toBeGreaterThanOrEqual(0.9 * 24 * HOUR_MS);
      expect(d).toBeLessThanOrEqual(1.1 * 24 * HOUR_MS);
    }
  });

  it('a decided check (ok or unauthorized) resets the fail streak', () => {
    expect(scheduleAfter(entry({ failStreak: 5 }), ok, AT, settings(), () => 0.5).failStreak).toBe(0);
    const invalid = scheduleAfter(entry({ failStreak: 5 }), unauthorized, AT, settings(), () => 0.5);
    expect(invalid.failStreak).toBe(0);
    expect(delay(invalid)).toBe(6 * HOUR_MS);
  });
});

describe('scheduleAfter: undecided checks back off', () => {
  it('1, 2, 4, 8 … minutes, capped at 60, as the streak grows', () => {
    let e = entry();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const next = scheduleAfter(e, unknown(), AT, settings(), () => 0.5);
      delays.push(delay(next));
      e = { ...e, ...next };
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MIN_MS));
    expect(e.failStreak).toBe(9);
  });

  it('ignores jitter while backing off', () => {
    expect(delay(scheduleAfter(entry(), unknown(), AT, settings(), () => 0))).toBe(MIN_MS);
    expect(delay(scheduleAfter(entry(), unknown(), AT, settings(), () => 1))).toBe(MIN_MS);
  });

  it('waits at least Retry-After: the larger of the backoff and Retry-After', () => {
    expect(delay(scheduleAfter(entry(), unknown(600_000), AT, settings()))).toBe(600_000);
    // Retry-After shorter than the backoff: the backoff wins.
    expect(delay(scheduleAfter(entry({ failStreak: 6 }), unknown(5_000), AT, settings()))).toBe(60 * MIN_MS);
    // Longer than the 1 h cap: honoured all the same.
    expect(delay(scheduleAfter(entry({ failStreak: 20 }), unknown(3 * HOUR_MS), AT, settings()))).toBe(3 * HOUR_MS);
    expect(scheduleAfter(entry({ failStreak: 2 }), unknown(600_000), AT, settings()).failStreak).toBe(3);
  });
});

describe('checkDueAt', () => {
  it('a never-checked entry is due at once', () => {
    expect(checkDueAt(entry({ lastCheckedAt: null, nextCheckAt: null, status: 'unchecked' }), settings())).toBe(Number.NEGATIVE_INFINITY);
  });

  it('nextCheckAt, when recorded, is the answer whatever else the entry says', () => {
    const next = '2026-03-02T00:00:00.000Z';
    expect(checkDueAt(entry({ nextCheckAt: next }), settings())).toBe(Date.parse(next));
    expect(checkDueAt(entry({ nextCheckAt: next, lastCheckedAt: null }), settings())).toBe(Date.parse(next));
    expect(checkDueAt(entry({ nextCheckAt: next, status: 'unknown', failStreak: 3 }), settings())).toBe(Date.parse(next));
  });

  it('checked by the CLI (no nextCheckAt): one interval after the last check', () => {
    const last = '2026-02-10T08:00:00.000Z';
    expect(checkDueAt(entry({ lastCheckedAt: last }), settings())).toBe(Date.parse(last) + 6 * HOUR_MS);
    expect(checkDueAt(entry({ lastCheckedAt: last }), settings({ checkIntervalHours: 24 }))).toBe(Date.parse(last) + 24 * HOUR_MS);
    expect(checkDueAt(entry({ lastCheckedAt: last, status: 'invalid' }), settings())).toBe(Date.parse(last) + 6 * HOUR_MS);
  });

  it('CLI-checked and undecided: the backoff for its streak (at least the first step)', () => {
    const last = '2026-02-10T08:00:00.000Z';
    expect(checkDueAt(entry({ lastCheckedAt: last, status: 'unknown', failStreak: 0 }), settings())).toBe(Date.parse(last) + MIN_MS);
    expect(checkDueAt(entry({ lastCheckedAt: last, status: 'unknown', failStreak: 1 }), settings())).toBe(Date.parse(last) + MIN_MS);
    expect(checkDueAt(entry({ lastCheckedAt: last, status: 'unknown', failStreak: 4 }), settings())).toBe(Date.parse(last) + 8 * MIN_MS);
    expect(checkDueAt(entry({ lastCheckedAt: last, status: 'unknown', failStreak: 30 }), settings())).toBe(Date.parse(last) + 60 * MIN_MS);
  });
});

describe('pendingThresholds', () => {
  const expires = (days: number): string => iso(Date.parse(T0) + days * DAY_MS);
  const daysOf = (e: Entry, s: Settings = settings()): number[] => pendingThresholds(e, s).map((t) => t.days);

  it('a 1-year PAT: every threshold, then 0 (expiry itself), each at expiry minus that many days', () => {
    const e = entry({ expiresAt: expires(365) });
    const pending = pendingThresholds(e, settings());
    expect(pending.map((t) => t.days)).toEqual([30, 14, 7, 3, 1, 0]);
    for (const { days, at } of pending) expect(at).toBe(Date.parse(expires(365)) - days * DAY_MS);
  });

  it('skips thresholds ≥ the lifetime: 30-day PAT has no 30, 7-day PAT no 7, 1-day PAT only expiry', () => {
    expect(daysOf(entry({ expiresAt: expires(30) }))).toEqual([14, 7, 3, 1, 0]);
    // A millisecond more than 30 days: 30 fits.
    expect(daysOf(entry({ expiresAt: iso(Date.parse(T0) + 30 * DAY_MS + 1) }))).toEqual([30, 14, 7, 3, 1, 0]);
    expect(daysOf(entry({ expiresAt: expires(7) }))).toEqual([3, 1, 0]);
    expect(daysOf(entry({ expiresAt: expires(1) }))).toEqual([0]);
  });

  it('leaves out what was already announced, 0 included', () => {
    expect(daysOf(entry({ warned: [30, 14] }))).toEqual([7, 3, 1, 0]);
    expect(daysOf(entry({ warned: [30, 14, 7, 3, 1] }))).toEqual([0]);
    expect(daysOf(entry({ warned: [30, 14, 7, 3, 1, 0] }))).toEqual([]);
  });

  it('follows the thresholds in settings, always adding 0', () => {
    expect(daysOf(entry(), settings({ thresholdsDays: [10, 2] }))).toEqual([10, 2, 0]);
    expect(daysOf(entry(), settings({ thresholdsDays: [] }))).toEqual([0]);
  });

  it('none for tokens that never expire', () => {
    expect(pendingThresholds(entry({ kind: 'internal', expiresAt: null }), settings())).toEqual([]);
    expect(pendingThresholds(entry({ kind: 'pat', expiresAt: null }), settings())).toEqual([]);
    expect(pendingThresholds(entry({ kind: 'oauth', expiresAt: null }), settings())).toEqual([]);
  });
});

describe('nextEventAt', () => {
  it('null for no entries', () => {
    expect(nextEventAt([], settings())).toBeNull();
  });

  it('the earliest check when checks come first', () => {
    const a = entry({ id: 'a', kind: 'internal', expiresAt: null, nextCheckAt: '2026-03-01T18:00:00.000Z' });
    const b = entry({ id: 'b', kind: 'internal', expiresAt: null, nextCheckAt: '2026-03-01T13:00:00.000Z' });
    const pat = entry({ id: 'c', nextCheckAt: '2026-03-01T20:00:00.000Z' }); // expires 2027-01-01: thresholds far off
    expect(nextEventAt([a, b, pat], settings())).toBe(Date.parse('2026-03-01T13:00:00.000Z'));
  });

  it('a threshold when it comes before any check', () => {
    const expiresAt = '2026-03-10T00:00:00.000Z';
    const pat = entry({ expiresAt, nextCheckAt: '2026-03-05T00:00:00.000Z', warned: [30, 14] });
    // 7 days before 2026-03-10 is 2026-03-03, before the check on 03-05.
    expect(nextEventAt([pat], settings())).toBe(Date.parse(expiresAt) - 7 * DAY_MS);
    expect(nextEventAt([pat], settings())).toBe(Date.parse('2026-03-03T00:00:00.000Z'));
  });

  it('an announced threshold no longer counts', () => {
    const expiresAt = '2026-03-10T00:00:00.000Z';
    const pat = entry({ expiresAt, nextCheckAt: '2026-03-05T00:00:00.000Z', warned: [30, 14, 7] });
    expect(nextEventAt([pat], settings())).toBe(Date.parse('2026-03-05T00:00:00.000Z'));
  });

  it('a never-checked entry makes something due now (−∞)', () => {
    const fresh = entry({ lastCheckedAt: null, nextCheckAt: null, status: 'unchecked' });
    expect(nextEventAt([entry({ nextCheckAt: '2026-03-05T00:00:00.000Z' }), fresh], settings())).toBe(Number.NEGATIVE_INFINITY);
  });

  it('a CLI-checked entry counts from its last check', () => {
    const cli = entry({ kind: 'internal', expiresAt: null, lastCheckedAt: '2026-03-01T00:00:00.000Z', nextCheckAt: null });
    expect(nextEventAt([cli], settings({ checkIntervalHours: 12 }))).toBe(Date.parse('2026-03-01T12:00:00.000Z'));
  });
});
