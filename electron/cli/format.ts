import { forTerminal } from '../common/outside-text';
import { daysLeft, effectiveStatus, plural } from '../common/status';
export { ago } from '../common/status';
import type { Entry, Status } from '../common/types';
import { kindLabel } from '../core/vault/vault';

/** A name from outside (workspace, bot, entry) in a sentence or a column: Notion accepts any length. */
const FIELD_MAX = 60;
/** Any cell: our hints run to about 160 characters; an error message from outside is cut here. */
const CELL_MAX = 200;

/** A workspace, bot or entry name as the terminal shows it: escaped, at most 60 characters. */
export function field(text: string | null | undefined, none = '-'): string {
  return text ? forTerminal(text, FIELD_MAX) : none;
}

export function describeEntry(entry: Entry): string {
  const where = entry.workspaceName ? ` for ${field(entry.workspaceName)}` : '';
  return `${field(entry.name)} (${kindLabel(entry.kind)}${where}), ${entry.status}`;
}

/** "12 days", "today", "expired 3 days ago", or "never" for tokens without expiry. */
export function expiryText(entry: Entry, now: Date, status: Status = effectiveStatus(entry, now)): string {
  const left = daysLeft(entry, now);
  if (left === null) return 'never';
  if (status === 'expired') return left >= 0 ? 'expired' : `expired ${plural(-left, 'day')} ago`;
  return plural(left, 'day');
}

/**
 * Left-aligned columns, two spaces apart, for terminals. Every cell is shown through forTerminal
 * and capped first, so widths come from what is shown: a 2 MB name pads no row to 2 MB.
 */
export function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  // The shown cells of every row in one flat list (100,000 rows: no array per row), `columns` a row.
  const columns = cells.reduce((most, r) => Math.max(most, r.length), header.length);
  const shown: string[] = new Array<string>(cells.length * columns);
  // A loop, not Math.max(...cells): 100,000 rows are more arguments than a call may take.
  const widths = header.map((h) => h.length); // a cell past the header's columns is not padded
  let at = 0;
  for (const r of cells) {
    for (let i = 0; i < columns; i++) {
      const cell = r[i];
      const text = cell === undefined ? '' : forTerminal(cell, CELL_MAX);
      shown[at++] = text;
      if (i < widths.length && text.length > (widths[i] ?? 0)) widths[i] = text.length;
    }
  }
  const line = (get: (i: number) => string, count: number): string => {
    let text = '';
    for (let i = 0; i < count; i++) text += `${i === 0 ? '' : '  '}${get(i).padEnd(widths[i] ?? 0)}`;
    return `${text.trimEnd()}\n`;
  };
  // Lines are joined a block at a time, so what a block was built from is garbage at once instead
  // of kept (and copied by the collector) until the whole table is done.
  const blocks: string[] = [line((i) => header[i] ?? '', header.length)];
  const BLOCK = 1024;
  for (let first = 0; first < cells.length; first += BLOCK) {
    const lines: string[] = [];
    for (let row = first; row < Math.min(first + BLOCK, cells.length); row++) {
      const base = row * columns;
      lines.push(line((i) => shown[base + i] ?? '', cells[row]?.length ?? 0));
    }
    blocks.push(lines.join(''));
  }
  return blocks.join('');
}
