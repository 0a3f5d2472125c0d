import { DAY_MS, applicableThresholds } from '../../common/status';
import type { Entry, Settings } from '../../common/types';
import type { CheckOutcome } from '../check/check-token';

const HOUR_MS = 3_600_000;
const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = HOUR_MS;
/** Spread checks so that tokens added together do not all hit Notion together forever. */
const JITTER = 0.1;

/** Backoff after `streak` undecided checks in a row: 1 min, 2, 4 … up to 1 h. */
export function backoffMs(streak: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, streak - 1), BACKOFF_MAX_MS);
}

/** Scheduling fields after a check: the interval (±10%) when decided, backoff (≥ Retry-After) when not. */
export function scheduleAfter(entry: Entry, outcome: CheckOutcome, at: Date, settings: Settings, random: () => number = Math.random): Pick<Entry, 'nextCheckAt' | 'failStreak'> {
  if (outcome.result === 'unknown') {
    const failStreak = entry.failStreak + 1;
    const wait = Math.max(backoffMs(failStreak), outcome.retryAfterMs ?? 0);
    return { failStreak, nextCheckAt: new Date(at.getTime() + wait).toISOString() };
  }
  const interval = settings.checkIntervalHours * HOUR_MS * (1 - JITTER + 2 * JITTER * random());
  return { failStreak: 0, nextCheckAt: new Date(at.getTime() + interval).toISOString() };
}

/** When the entry's next check is due. Entries checked outside the monitor (CLI add/check) have no nextCheckAt yet. */
export function checkDueAt(entry: Entry, settings: Settings): number {
  if (entry.nextCheckAt !== null) return Date.parse(entry.nextCheckAt);
  if (entry.lastCheckedAt === null) return Number.NEGATIVE_INFINITY;
  const last = Date.parse(entry.lastCheckedAt);
  return entry.status === 'unknown' ? last + backoffMs(Math.max(1, entry.failStreak)) : last + settings.checkIntervalHours * HOUR_MS;
}

/** Expiry thresholds (0 = expiry itself) the entry has not announced yet, with when each is crossed. */
export function pendingThresholds(entry: Entry, settings: Settings): { days: number; at: number }[] {
  if (entry.kind !== 'pat' || entry.expiresAt === null) return [];
  const expires = Date.parse(entry.expiresAt);
  return [...applicableThresholds(entry, settings.thresholdsDays), 0]
    .filter((days) => !entry.warned.includes(days))
    .map((days) => ({ days, at: expires - days * DAY_MS }));
}

/** The next moment anything is due for these entries (a check or a threshold), or null. */
export function nextEventAt(entries: readonly Entry[], settings: Settings): number | null {
  let next = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    next = Math.min(next, checkDueAt(entry, settings));
    for (const { at } of pendingThresholds(entry, settings)) next = Math.min(next, at);
  }
  return next === Number.POSITIVE_INFINITY ? null : next;
}
