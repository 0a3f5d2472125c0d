import { forTray } from '../../common/outside-text';
import { daysLeft, effectiveStatus, needsAttention, plural } from '../../common/status';
import type { Entry, Status } from '../../common/types';

export type TrayLevel = 'ok' | 'attention' | 'error';

/** How one entry shows in the tray, worked out once per render. */
export interface EntryState {
  entry: Entry;
  level: TrayLevel;
  /** Lower is worse: the tooltip names the worst entries first. */
  rank: number;
  daysLeft: number | null;
  /** What is wrong, in a few words after the name ("expires in 3 days"), or null if nothing. */
  problem: string | null;
  /** The entry's submenu label: "acme-pat — expiring, 3 days left". */
  label: string;
}

// Worst first; a token that stopped working is a surprise, an expired one was announced.
const RANK: Record<Status, number> = { invalid: 0, expired: 1, expiring: 2, unknown: 3, unchecked: 5, valid: 6 };
const NO_PAGES_RANK = 4;

const STATUS_WORDS: Record<Status, string> = {
  valid: 'valid',
  expiring: 'expiring',
  expired: 'expired',
  invalid: 'invalid',
  unknown: 'could not check',
  unchecked: 'not checked yet',
};

export function entryState(entry: Entry, now: Date, thresholds: readonly number[]): EntryState {
  const status = effectiveStatus(entry, now, thresholds);
  const left = daysLeft(entry, now);
  const noPages = status === 'valid' && entry.pagesShared === false;
  const problem = problemOf(status, entry, left);
  return {
    entry,
    // Same rule as the CLI's needsAttention: a token last known invalid stays an error while checks fail.
    level: needsAttention(entry, now) ? 'error' : problem === null ? 'ok' : 'attention',
    rank: noPages ? NO_PAGES_RANK : RANK[status],
    daysLeft: left,
    problem,
    label: `${forTray(entry.name)} — ${labelParts(status, entry, left).join(', ')}`,
  };
}

function problemOf(status: Status, entry: Entry, left: number | null): string | null {
  switch (status) {
    case 'invalid':
      return 'stopped working';
    case 'expired':
      return 'expired';
    case 'expiring':
      return `expires in ${plural(left ?? 0, 'day')}`;
    case 'unknown':
      return entry.lastDecided?.status === 'invalid' ? 'last known invalid' : 'could not be checked';
    case 'unchecked':
      return 'not checked yet';
    case 'valid':
      return entry.pagesShared === false ? 'sees no pages' : null;
  }
}

function labelParts(status: Status, entry: Entry, left: number | null): string[] {
  const parts = [status === 'unknown' && entry.lastDecided?.status === 'invalid' ? 'last known invalid' : STATUS_WORDS[status]];
  if (status === 'valid' && entry.pagesShared === false) parts.push('sees no pages');
  // When a rejected or expired token would have expired does not matter any more.
  if (left !== null && status !== 'invalid' && status !== 'expired') parts.push(`${plural(left, 'day')} left`);
  return parts;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Locale-independent enough to be stable, human enough that token-2 sorts before token-10. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function byWorst(a: EntryState, b: EntryState): number {
  return a.rank - b.rank || (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || byName(a, b);
}

export function byName(a: EntryState, b: EntryState): number {
  return compareText(a.entry.name, b.entry.name) || compareText(a.entry.id, b.entry.id);
}
