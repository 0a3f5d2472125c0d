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
  // Loops by index, not Math.max(...cells) (100,000 rows are more arguments than a call may take) nor for…of.
  let columns = header.length;
  for (let row = 0; row < cells.length; row++) columns = Math.max(columns, cells[row]?.length ?? 0);
  const shown: string[] = new Array<string>(cells.length * columns);
  const widths = header.map((h) => h.length); // a cell past the header's columns is not padded
  let at = 0;
  for (let row = 0; row < cells.length; row++) {
    const r = cells[row] ?? [];
    for (let i = 0; i < columns; i++) {
      const cell = r[i];
      const text = cell === undefined ? '' : forTerminal(cell, CELL_MAX);
      shown[at++] = text;
      if (i < widths.length && text.length > (widths[i] ?? 0)) widths[i] = text.length;
    }
  }
  // A block of lines is gathered as pieces (cells, padding, separators) and joined once: no string
  // per padded cell or per line, which for 100,000 rows the collector copied until the block was done.
  const pieces: string[] = [];
  const line = (texts: readonly string[], first: number, count: number): void => {
    const start = pieces.length;
    for (let i = 0; i < count; i++) {
      const text = texts[first + i] ?? '';
      if (i > 0) pieces.push('  ');
      pieces.push(text);
      const width = widths[i] ?? 0;
      if (i < count - 1 && text.length < width) pieces.push(padding(width - text.length));
    }
    // No blanks at the end of a line: as trimEnd of the padded line, asked only when it could differ.
    if (count > 0 && endsBlank(texts[first + count - 1] ?? '')) pieces.push(pieces.splice(start).join('').trimEnd());
    pieces.push('\n');
  };
  line(header, 0, header.length);
  const blocks: string[] = [];
  const BLOCK = 1024;
  for (let first = 0; first < cells.length; first += BLOCK) {
    for (let row = first; row < Math.min(first + BLOCK, cells.length); row++) line(shown, row * columns, cells[row]?.length ?? 0);
    blocks.push(pieces.join(''));
    pieces.length = 0;
  }
  blocks.push(pieces.join('')); // the header alone, for no rows
  return blocks.join('');
}

/** `count` spaces (a cell is at most CELL_MAX wide), made once each. */
const paddings: string[] = [''];
function padding(count: number): string {
  while (paddings.length <= count) paddings.push(`${paddings.at(-1) ?? ''} `);
  return paddings[count] ?? '';
}

/**
 * Whether trimEnd could shorten a line that ends in this cell: it is empty (the blanks before it
 * count then), or it ends in a space. forTerminal has escaped every other blank but Unicode's
 * spaces (U+00A0 and up), so anything from U+00A0 up is left to trimEnd itself.
 */
function endsBlank(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return text.length === 0 || last === 0x20 || last >= 0xa0;
}
