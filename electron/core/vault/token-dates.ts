import { DAY_MS } from '../../common/status';
import { usageError } from '../errors';

const EXPIRES_IN: Readonly<Record<string, number>> = { '7d': 7, '30d': 30, '90d': 90, '180d': 180, '1y': 365 };
export const PAT_DEFAULT_DAYS = 365;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date flag: `2026-05-01` (midnight UTC) or an ISO time with its zone. Stricter than
 * Date.parse, which takes "1" for 2001 and rolls 2026-02-30 over into March.
 */
export function parseDateFlag(flag: string, value: string): Date {
  const parts = DAY.exec(value) ?? ISO_TIME.exec(value);
  const at = parts ? Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value) : Number.NaN;
  const [, year, month, day] = parts ?? [];
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real = calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  if (Number.isNaN(at) || !real) throw usageError(`${flag} takes a date like 2026-05-01 (or an ISO time with its zone): "${JSON.stringify(value.slice(0, 40)).slice(1, -1)}" is not one.`);
  return new Date(at);
}

export function parseExpiresIn(value: string): number {
  const days = EXPIRES_IN[value];
  if (days === undefined) throw usageError(`--expires-in takes 7d, 30d, 90d, 180d or 1y (what Notion offers), not "${value.slice(0, 20)}".`);
  return days;
}

export interface ExpiryFlags {
  expires?: string;
  expiresIn?: string;
  created?: string;
}

/** When the PAT was created and when it expires; `defaulted` says the expiry was assumed. */
export function patDates(flags: ExpiryFlags, now: Date): { createdAt: Date; expiresAt: Date; defaulted: boolean } {
  if (flags.expires !== undefined && flags.expiresIn !== undefined) throw usageError('Give --expires or --expires-in, not both.');
  const createdAt = flags.created !== undefined ? parseDateFlag('--created', flags.created) : now;
  if (createdAt.getTime() > now.getTime() + DAY_MS) throw usageError('--created is in the future: give the day the token was created in Notion.');
  if (flags.expires !== undefined) {
    const expiresAt = parseDateFlag('--expires', flags.expires);
    if (expiresAt <= createdAt) throw usageError('--expires is not after the creation date: give the expiry Notion showed.');
    return { createdAt, expiresAt, defaulted: false };
  }
  const days = flags.expiresIn !== undefined ? parseExpiresIn(flags.expiresIn) : PAT_DEFAULT_DAYS;
  return { createdAt, expiresAt: new Date(createdAt.getTime() + days * DAY_MS), defaulted: flags.expiresIn === undefined };
}

/** Refuse malformed or contradictory date flags now, before a token is read or Notion is asked. */
export function assertDateFlags(flags: ExpiryFlags, now: Date): void {
  if (flags.expires !== undefined || flags.expiresIn !== undefined || flags.created !== undefined) patDates(flags, now);
}

export function rejectExpiryFlags(flags: ExpiryFlags, kind: string): void {
  if (flags.expires !== undefined || flags.expiresIn !== undefined) throw usageError(`Only personal access tokens expire; this is an ${kind}: drop --expires/--expires-in.`);
}
