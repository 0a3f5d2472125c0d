import { DAY_MS } from '../../electron/common/status';

/** What Notion's PAT form offers, 1 year being its default. */
export const EXPIRY_OPTIONS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
  { value: '365', label: '1 year' },
  { value: 'date', label: 'A specific date' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_OPTIONS)[number]['value'];

export function isExpiryChoice(value: string): value is ExpiryChoice {
  return EXPIRY_OPTIONS.some((option) => option.value === value);
}

export interface PatDates {
  expiry: ExpiryChoice;
  /** YYYY-MM-DD, as `<input type=date>` gives it. */
  createdOn: string;
  expiresOn: string;
}

export type ResolvedDates = { ok: true; createdAt: string; expiresAt: string } | { ok: false; problem: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day in the person's time zone: the day Notion showed them. */
export function localDay(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function defaultPatDates(now: Date): PatDates {
  return { expiry: '365', createdOn: localDay(now), expiresOn: '' };
}

/** The dates to send with a PAT: createdAt and expiresAt = createdAt + the lifetime chosen in Notion. */
export function resolvePatDates(dates: PatDates, now: Date): ResolvedDates {
  if (!DAY.test(dates.createdOn)) return { ok: false, problem: 'Give the day the token was created in Notion.' };
  // Created today: count from now, not from midnight, so a 7-day token is not cut short.
  const today = dates.createdOn === localDay(now);
  const created = today ? now : new Date(`${dates.createdOn}T00:00:00Z`);
  if (Number.isNaN(created.getTime())) return { ok: false, problem: 'Give the day the token was created in Notion.' };
  if (created.getTime() > now.getTime() + DAY_MS) return { ok: false, problem: 'The creation date is in the future: give the day you created the token.' };
  const createdAt = today ? now.toISOString() : dates.createdOn;
  if (dates.expiry === 'date') {
    const expires = new Date(`${dates.expiresOn}T00:00:00Z`);
    if (!DAY.test(dates.expiresOn) || Number.isNaN(expires.getTime())) return { ok: false, problem: 'Give the expiry date Notion showed.' };
    if (expires.getTime() <= created.getTime()) return { ok: false, problem: 'The expiry date must be after the creation date.' };
    return { ok: true, createdAt, expiresAt: dates.expiresOn };
  }
  return { ok: true, createdAt, expiresAt: new Date(created.getTime() + Number(dates.expiry) * DAY_MS).toISOString() };
}
