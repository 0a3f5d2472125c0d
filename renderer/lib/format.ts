import { plural } from '../../electron/common/status';
import type { Identity, Status, TokenKind } from '../../electron/common/types';

export const KIND_SHORT: Readonly<Record<TokenKind, string>> = { pat: 'PAT', internal: 'Internal integration', oauth: 'OAuth' };
export const KIND_LONG: Readonly<Record<TokenKind, string>> = {
  pat: 'Personal access token (PAT)',
  internal: 'Internal integration secret',
  oauth: 'OAuth token',
};

/** The kind inside a sentence: "Create the personal access token in Notion". */
export const KIND_NOUN: Readonly<Record<TokenKind, string>> = { pat: 'personal access token', internal: 'internal integration secret', oauth: 'OAuth token' };

export const STATUS_TEXT: Readonly<Record<Status, string>> = {
  unchecked: 'Not checked yet',
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  invalid: 'Rejected by Notion',
  unknown: 'Could not check',
};

export function daysLeftText(days: number | null): string {
  if (days === null) return 'no expiry';
  if (days <= 0) return 'expired';
  return `${plural(days, 'day')} left`;
}

/** "What happened" of a message worded "what happened: the fix", for a view that says its own fix. */
export function withoutFix(message: string): string {
  const colon = message.indexOf(': ');
  return colon === -1 ? message : `${message.slice(0, colon)}.`;
}

export function identityText(identity: Identity | null): string {
  if (identity === null) return 'Not known yet';
  const who = identity.name ?? 'Unnamed';
  return identity.type === 'bot' ? `${who} (bot)` : `${who} (person)`;
}

// Formatters are costly to build: one each, shared by every row of a 500-entry list.
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const utcDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['year', 31_557_600],
  ['month', 2_629_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "5 min. ago", "yesterday", "in 3 days". */
export function ago(iso: string, now: number): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Math.abs(seconds) < 45) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ['minute', 60];
  return relative.format(Math.round(seconds / size), unit);
}

export function checkedText(lastCheckedAt: string | null, now: number): string {
  return lastCheckedAt === null ? 'never checked' : `checked ${ago(lastCheckedAt, now)}`;
}

/** A table cell under "Last checked" or "Last used" (the access log): the header names the event, so the cell says only when. */
export function whenCell(iso: string | null, now: number): string {
  return iso === null ? 'never' : ago(iso, now);
}

/** A day. Dates given as a day (`2026-05-01`) are stored as midnight UTC: shown as that day in every time zone. */
export function formatDay(iso: string): string {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso) || /T00:00:00(\.000)?Z$/.test(iso);
  return (dayOnly ? utcDayFormat : dayFormat).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
