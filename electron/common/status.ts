import { noPagesAdvice } from './advice';
import type { Entry, Status } from './types';

export const DAY_MS = 86_400_000;
/** Days before `expiresAt` at which a PAT is announced; 0 means "on expiry". */
export const DEFAULT_THRESHOLDS: readonly number[] = [30, 14, 7, 3, 1];

/** Whole days left, rounded up (10 days minus a minute is still "10 days left"); null if it never expires. */
export function daysLeft(entry: Pick<Entry, 'expiresAt'>, now: Date): number | null {
  if (entry.expiresAt === null) return null;
  return Math.ceil((Date.parse(entry.expiresAt) - now.getTime()) / DAY_MS);
}

/** Thresholds that fit in the token's lifetime: a 7-day PAT is not warned "7 days left" at birth. */
export function applicableThresholds(entry: Pick<Entry, 'createdAt' | 'expiresAt'>, thresholds: readonly number[] = DEFAULT_THRESHOLDS): number[] {
  if (entry.expiresAt === null) return [];
  const lifetimeDays = (Date.parse(entry.expiresAt) - Date.parse(entry.createdAt)) / DAY_MS;
  return thresholds.filter((days) => days > 0 && days < lifetimeDays).sort((a, b) => b - a);
}

/** The status a person should see now: the last check's verdict with expiry applied on top. */
export function effectiveStatus(entry: Pick<Entry, 'status' | 'createdAt' | 'expiresAt'>, now: Date, thresholds: readonly number[] = DEFAULT_THRESHOLDS): Status {
  if (entry.expiresAt === null) return entry.status;
  // As applicableThresholds and daysLeft compute it, with each date parsed once and no list made:
  // `list` asks this of every entry (100,000 of them in npm run bench).
  const expires = Date.parse(entry.expiresAt);
  if (now.getTime() >= expires) return 'expired';
  if (entry.status !== 'valid') return entry.status;
  const lifetimeDays = (expires - Date.parse(entry.createdAt)) / DAY_MS;
  let first = -Infinity; // the largest threshold that fits in the lifetime
  for (const days of thresholds) if (days > 0 && days < lifetimeDays && days > first) first = days;
  const left = Math.ceil((expires - now.getTime()) / DAY_MS);
  return left <= first ? 'expiring' : 'valid';
}

/** Invalid or expired, or last known invalid while checks currently fail. */
export function needsAttention(entry: Entry, now: Date): boolean {
  const status = effectiveStatus(entry, now);
  return status === 'invalid' || status === 'expired' || (status === 'unknown' && entry.lastDecided?.status === 'invalid');
}

/** What a person should do about an entry, in a few words, or null if nothing. */
export function attentionHint(entry: Entry, now: Date, thresholds: readonly number[] = DEFAULT_THRESHOLDS): string | null {
  switch (effectiveStatus(entry, now, thresholds)) {
    case 'expired':
      return 'expired: create a new token in Notion, then `notion-vault rotate`';
    case 'invalid':
      // The integration's name is not in the entry: `integrations list` shows which one each connection went through.
      return entry.integrationId != null
        ? 'rejected by Notion and not refreshable: reconnect it with `notion-vault connect --integration <its integration>` (`notion-vault integrations list` shows which)'
        : entry.kind === 'pat'
          ? 'rejected by Notion: a workspace policy on personal access tokens may block it (it is re-checked, and works again if allowed); otherwise create a new token, then `notion-vault rotate`'
          : 'rejected by Notion: create a new token, then `notion-vault rotate`';
    case 'expiring':
      return `expires in ${plural(daysLeft(entry, now) ?? 0, 'day')}: create a new token soon`;
    case 'unknown':
      return entry.lastDecided?.status === 'invalid' ? 'last known invalid; Notion could not be reached since' : 'could not be checked: run `notion-vault check` later';
    case 'unchecked':
      return 'never checked: run `notion-vault check`';
    case 'valid':
      return entry.pagesShared === false ? noPagesAdvice(entry.kind).short : null;
  }
}

export const plural = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * Days since a secret of the entry last left the vault (or since it was added, if never), when
 * that is `days` or more: a token nothing uses is only a risk. Null otherwise, or when `days` is 0.
 */
export function unusedFor(entry: Pick<Entry, 'addedAt'>, lastUsedAt: string | null, now: Date, days: number): number | null {
  if (days <= 0) return null;
  const idle = Math.floor((now.getTime() - Date.parse(lastUsedAt ?? entry.addedAt)) / DAY_MS);
  return idle >= days ? idle : null;
}

/** The least-privilege advice for an unused entry (unusedFor), or null. */
export function unusedHint(idleDays: number | null): string | null {
  return idleDays === null ? null : `not used for ${plural(idleDays, 'day')}: if nothing needs it, revoke it in Notion and remove it`;
}

/** "5 min ago", "3 h ago", "2 days ago", or "never": for the terminal and the tray. */
export function ago(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${String(minutes)} min ago`;
  if (minutes < 48 * 60) return `${String(Math.round(minutes / 60))} h ago`;
  return `${plural(Math.round(minutes / 1440), 'day')} ago`;
}
