import { describe, expect, it } from 'vitest';
import {
  applicableThresholds,
  attentionHint,
  DAY_MS,
  daysLeft,
  DEFAULT_THRESHOLDS,
  effectiveStatus,
  needsAttention,
  plural,
  unusedFor,
  unusedHint,
} from '../../electron/common/status';
import type { Entry } from '../../electron/common/types';
import { entryFixture } from '../support/entry-fixture';

const CREATED = '2026-01-01T00:00:00.000Z';
const YEAR_LATER = '2027-01-01T00:00:00.000Z'; // 365 days
const WEEK_LATER = '2026-01-08T00:00:00.000Z';
const MINUTE = 60_000;

function entry(patch: Partial<Entry> = {}): Entry {
  return entryFixture({
    name: 'acme-pat',
    kind: 'pat',
    workspaceId: 'ws-1',
    identity: { type: 'person', id: 'u1', name: 'Ada' },
    createdAt: CREATED,
    expiresAt: YEAR_LATER,
    addedAt: CREATED,
    lastCheckedAt: CREATED,
    lastOkAt: CREATED,
    lastDecided: { status: 'valid', at: CREATED },
    ...patch,
  });
}

const internal = (patch: Partial<Entry> = {}): Entry => entry({ kind: 'internal', expiresAt: null, identity: { type: 'bot', id: 'b1', name: 'Bot' }, ...patch });

/** `days` before the given ISO time (fractional days allowed). */
const before = (iso: string, days: number): Date => new Date(Date.parse(iso) - days * DAY_MS);

const unauthorizedError = { code: 'unauthorized', message: 'Notion says the token is invalid.', at: CREATED };

describe('daysLeft', () => {
  it('is null for a token that never expires', () => {
    expect(daysLeft({ expiresAt: null }, new Date(CREATED))).toBeNull();
  });

  it('counts whole days', () => {
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(CREATED))).toBe(365);
    expect(daysLeft({ expiresAt: YEAR_LATER }, before(YEAR_LATER, 10))).toBe(10);
  });

  it('rounds up: 10 days minus a minute is still 10 days left', () => {
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(Date.parse(YEAR_LATER) - 10 * DAY_MS + MINUTE))).toBe(10);
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(Date.parse(YEAR_LATER) - MINUTE))).toBe(1);
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(Date.parse(YEAR_LATER) - 9 * DAY_MS - MINUTE))).toBe(10);
  });

  it('is 0 at expiry and negative after', () => {
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(YEAR_LATER))).toBe(0);
    expect(daysLeft({ expiresAt: YEAR_LATER }, new Date(Date.parse(YEAR_LATER) + 2 * DAY_MS))).toBe(-2);
  });
});

describe('applicableThresholds', () => {
  it('a 1-year PAT gets every default threshold, largest first', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: YEAR_LATER })).toEqual([30, 14, 7, 3, 1]);
    expect(DEFAULT_THRESHOLDS).toEqual([30, 14, 7, 3, 1]);
  });

  it('a 7-day PAT skips thresholds at or beyond its lifetime: 3 and 1', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: WEEK_LATER })).toEqual([3, 1]);
  });

  it('a 30-day PAT skips 30 and keeps 14', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: '2026-01-31T00:00:00.000Z' })).toEqual([14, 7, 3, 1]);
  });

  it('a 90-day PAT gets all of them', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: '2026-04-01T00:00:00.000Z' })).toEqual([30, 14, 7, 3, 1]);
  });

  it('is empty for a token that never expires', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: null })).toEqual([]);
  });

  it('sorts custom thresholds and drops 0 ("on expiry" is not a warning window)', () => {
    expect(applicableThresholds({ createdAt: CREATED, expiresAt: YEAR_LATER }, [1, 0, 60, 10])).toEqual([60, 10, 1]);
  });
});

describe('effectiveStatus', () => {
  it('expired past expiresAt even if the last verdict was valid', () => {
    expect(effectiveStatus(entry(), new Date(Date.parse(YEAR_LATER) + MINUTE))).toBe('expired');
  });

  it('expired exactly at expiresAt', () => {
    expect(effectiveStatus(entry(), new Date(YEAR_LATER))).toBe('expired');
  });

  it('expired past expiresAt even with a 401 on record', () => {
    const rejected = entry({ status: 'invalid', lastError: unauthorizedError, lastDecided: { status: 'invalid', at: CREATED } });
    expect(effectiveStatus(rejected, new Date(Date.parse(YEAR_LATER) + DAY_MS))).toBe('expired');
  });

  it('expired past expiresAt even when the last check was unknown or never ran', () => {
    const after = new Date(Date.parse(YEAR_LATER) + DAY_MS);
    expect(effectiveStatus(entry({ status: 'unknown' }), after)).toBe('expired');
    expect(effectiveStatus(entry({ status: 'unchecked', lastDecided: null }), after)).toBe('expired');
  });

  it('1-year PAT: expiring at 30 days left, valid at 31', () => {
    expect(effectiveStatus(entry(), before(YEAR_LATER, 30))).toBe('expiring');
    expect(effectiveStatus(entry(), before(YEAR_LATER, 31))).toBe('valid');
    // 30 days and a minute left rounds up to 31: not yet.
    expect(effectiveStatus(entry(), new Date(Date.parse(YEAR_LATER) - 30 * DAY_MS - MINUTE))).toBe('valid');
    expect(effectiveStatus(entry(), before(YEAR_LATER, 1))).toBe('expiring');
    expect(effectiveStatus(entry(), new Date(Date.parse(YEAR_LATER) - MINUTE))).toBe('expiring');
  });

  it('7-day PAT: the first applicable threshold is 3, not 7', () => {
    const week = entry({ expiresAt: WEEK_LATER });
    expect(effectiveStatus(week, new Date(CREATED))).toBe('valid');
    expect(effectiveStatus(week, before(WEEK_LATER, 6))).toBe('valid');
    expect(effectiveStatus(week, before(WEEK_LATER, 4))).toBe('valid');
    expect(effectiveStatus(week, before(WEEK_LATER, 3))).toBe('expiring');
    expect(effectiveStatus(week, before(WEEK_LATER, 0.5))).toBe('expiring');
    expect(effectiveStatus(week, new Date(WEEK_LATER))).toBe('expired');
  });

  it('valid otherwise', () => {
    expect(effectiveStatus(entry(), new Date(CREATED))).toBe('valid');
    expect(effectiveStatus(entry(), before(YEAR_LATER, 100))).toBe('valid');
  });

  it('only a valid verdict turns into expiring; others are shown as they are', () => {
    const near = before(YEAR_LATER, 2);
    expect(effectiveStatus(entry({ status: 'invalid' }), near)).toBe('invalid');
    expect(effectiveStatus(entry({ status: 'unknown' }), near)).toBe('unknown');
    expect(effectiveStatus(entry({ status: 'unchecked' }), near)).toBe('unchecked');
  });

  it('an internal integration never expires', () => {
    const farFuture = new Date('2099-01-01T00:00:00Z');
    expect(effectiveStatus(internal(), farFuture)).toBe('valid');
    expect(effectiveStatus(internal({ status: 'invalid' }), farFuture)).toBe('invalid');
    expect(effectiveStatus(internal({ status: 'unknown' }), farFuture)).toBe('unknown');
    expect(daysLeft(internal(), farFuture)).toBeNull();
  });

  it('honours custom thresholds', () => {
    expect(effectiveStatus(entry(), before(YEAR_LATER, 45), [60, 7])).toBe('expiring');
    expect(effectiveStatus(entry(), before(YEAR_LATER, 45))).toBe('valid');
  });
});

describe('needsAttention', () => {
  const soon = before(YEAR_LATER, 100);

  it('invalid needs attention', () => {
    expect(needsAttention(entry({ status: 'invalid', lastDecided: { status: 'invalid', at: CREATED } }), soon)).toBe(true);
  });

  it('expired needs attention, even with a valid last verdict', () => {
    expect(needsAttention(entry(), new Date(Date.parse(YEAR_LATER) + MINUTE))).toBe(true);
  });

  it('unknown with lastDecided invalid needs attention', () => {
    expect(needsAttention(entry({ status: 'unknown', lastDecided: { status: 'invalid', at: CREATED } }), soon)).toBe(true);
  });

  it('unknown with lastDecided valid, or never decided, does not', () => {
    expect(needsAttention(entry({ status: 'unknown' }), soon)).toBe(false);
    expect(needsAttention(entry({ status: 'unknown', lastDecided: null }), soon)).toBe(false);
  });

  it('valid, expiring and unchecked do not', () => {
    expect(needsAttention(entry(), soon)).toBe(false);
    expect(needsAttention(entry(), before(YEAR_LATER, 2))).toBe(false);
    expect(needsAttention(entry({ status: 'unchecked', lastDecided: null }), soon)).toBe(false);
    expect(needsAttention(internal(), new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('attentionHint', () => {
  const soon = before(YEAR_LATER, 100);

  it('says what to do for each status, in one line', () => {
    const hints = [
      attentionHint(entry(), new Date(Date.parse(YEAR_LATER) + MINUTE)),
      attentionHint(entry({ status: 'invalid' }), soon),
      attentionHint(entry(), before(YEAR_LATER, 5)),
      attentionHint(entry({ status: 'unknown', lastDecided: { status: 'invalid', at: CREATED } }), soon),
      attentionHint(entry({ status: 'unknown' }), soon),
      attentionHint(entry({ status: 'unchecked', lastDecided: null }), soon),
      attentionHint(entry({ pagesShared: false }), soon),
    ];
    for (const hint of hints) {
      expect(hint).not.toBeNull();
      expect(hint).not.toMatch(/[\r\n]/);
    }
    const [expired, invalid, expiring, lastInvalid, unknown, unchecked, noPages] = hints;
    expect(expired).toMatch(/^expired/);
    expect(expired).toContain('rotate');
    expect(invalid).toMatch(/^rejected by Notion/);
    expect(expiring).toBe('expires in 5 days: create a new token soon');
    expect(lastInvalid).toMatch(/last known invalid/);
    expect(unknown).toMatch(/could not be checked/);
    expect(unchecked).toMatch(/never checked/);
    expect(noPages).toMatch(/sees no pages/);
  });

  it('uses the rounded-up day count, singular for 1', () => {
    expect(attentionHint(entry(), new Date(Date.parse(YEAR_LATER) - MINUTE))).toBe('expires in 1 day: create a new token soon');
    expect(attentionHint(entry(), new Date(Date.parse(YEAR_LATER) - 2 * DAY_MS + MINUTE))).toBe('expires in 2 days: create a new token soon');
  });

  it('is null for a valid entry that sees pages, or whose pages are undecided', () => {
    expect(attentionHint(entry(), soon)).toBeNull();
    expect(attentionHint(entry({ pagesShared: null }), soon)).toBeNull();
    expect(attentionHint(internal(), new Date('2099-01-01T00:00:00Z'))).toBeNull();
  });

  it('a rejected connection says to reconnect through its integration, with the flag connect requires', () => {
    const connection = entry({ kind: 'oauth', expiresAt: null, integrationId: 'int-1', status: 'invalid', lastError: unauthorizedError });
    const hint = attentionHint(connection, soon);
    expect(hint).toMatch(/^rejected by Notion and not refreshable: reconnect it/);
    expect(hint).toContain('notion-vault connect --integration <its integration>');
    expect(hint).toContain('notion-vault integrations list');
    expect(hint).not.toContain('rotate');
    expect(hint).not.toMatch(/[\r\n]/);
  });

  it('an expired PAT says expired, not rejected, even after a 401', () => {
    const rejected = entry({ status: 'invalid', lastError: unauthorizedError, lastDecided: { status: 'invalid', at: CREATED } });
    expect(attentionHint(rejected, new Date(Date.parse(YEAR_LATER) + DAY_MS))).toMatch(/^expired/);
  });
});

describe('plural', () => {
  it('adds an s except for 1', () => {
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(2, 'day')).toBe('2 days');
  });
});

describe('unused tokens', () => {
  it('counts from the last use, or from the add when never used; flags at the setting and not before; 0 turns it off', () => {
    const e = entry({ addedAt: CREATED });
    const day = (n: number): Date => new Date(Date.parse(CREATED) + n * DAY_MS);
    expect(unusedFor(e, null, day(89), 90)).toBeNull();
    expect(unusedFor(e, null, day(90), 90)).toBe(90);
    expect(unusedFor(e, day(30).toISOString(), day(91), 90)).toBeNull();
    expect(unusedFor(e, day(30).toISOString(), day(121), 90)).toBe(91);
    expect(unusedFor(e, null, day(400), 0)).toBeNull();
    expect(unusedHint(91)).toBe('not used for 91 days: if nothing needs it, revoke it in Notion and remove it');
    expect(unusedHint(null)).toBeNull();
  });
});
