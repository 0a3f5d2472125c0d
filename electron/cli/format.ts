import { forTerminal } from '../common/outside-text';
import { daysLeft, effectiveStatus, plural } from '../common/status';
export { ago } from '../common/status';
import type { Entry, Status } from '../common/types';
import { kindLabel } from '../core/vault/vault';
import { tableBytes } from './table-bytes';
export { tableBytes } from './table-bytes';

/** A name from outside (workspace, bot, entry) in a sentence or a column: Notion accepts any length. */
export const FIELD_MAX = 60;

/** A workspace, bot or entry name as the terminal shows it: escaped, at most 60 characters. */
export function field(text: string | null | undefined, none = '-'): string {
  return text ? forTerminal(text, FIELD_MAX) : none;
}

export function describeEntry(entry: Entry): string {
  const where = entry.workspaceName ? ` for ${field(entry.workspaceName)}` : '';
  return `${field(entry.name)} (${kindLabel(entry.kind)}${where}), ${entry.status}`;
}

/** "12 days", "today", "expired 3 days ago", or "never" for tokens without expiry. */
export function expiryText(entry: Pick<Entry, 'status' | 'createdAt' | 'expiresAt'>, now: Date, status: Status = effectiveStatus(entry, now)): string {
  const left = daysLeft(entry, now);
  if (left === null) return 'never';
  if (status === 'expired') return left >= 0 ? 'expired' : `expired ${plural(-left, 'day')} ago`;
  return plural(left, 'day');
}

/** The table as a string (tableBytes decoded): for tables that go into a longer text. */
export function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  return tableBytes(header, cells).toString('utf8');
}
