import { forTerminal } from '../common/outside-text';

/** Any cell: our hints run to about 160 characters; an error message from outside is cut here. */
export const CELL_MAX = 200;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const NOT_ASCII = /[\u0080-\uffff]/; // UTF-16 units: an astral character is two of them

/**
 * Left-aligned columns, two spaces apart, for terminals, as UTF-8 bytes. Every cell is shown
 * through forTerminal and capped first (at its column's `caps`, else CELL_MAX), so widths come
 * from what is shown: a 2 MB name pads no row to 2 MB. Widths and padding count UTF-16 units, as String.prototype.padEnd does. No line
 * ends in blanks.
 *
 * Bytes, not a string: `list` of 100,000 entries is 600,000 cells, and written straight into one
 * buffer they cost no string per cell, line or block for the collector to copy (npm run bench).
 */
export function tableBytes(header: readonly string[], cells: readonly (readonly string[])[], caps: readonly number[] = []): Buffer {
  // One pass over the cells shows each (forTerminal), measures it and notes whether a line could
  // end in blanks there; the second writes. The cells of a big vault are strings scattered over its
  // parsed document: each pass over them is a cache miss per cell, so they are touched twice, not more.
  // Every cell in flat lists (100,000 rows: no array per row), `columns` a row; loops by index.
  let columns = header.length;
  for (let row = 0; row < cells.length; row++) columns = Math.max(columns, cells[row]?.length ?? 0);
  const count = cells.length * columns;
  const shown: string[] = new Array<string>(count);
  const units = new Int32Array(count); // UTF-16 units: what widths and padding count
  const bytes = new Int32Array(count);
  const blankEnd = new Uint8Array(count);
  const widths = header.map((h) => h.length); // a cell past the header's columns is not padded
  let at = 0;
  for (let row = 0; row < cells.length; row++) {
    const r = cells[row] ?? [];
    for (let i = 0; i < columns; i++, at++) {
      const cell = r[i];
      const text = cell === undefined ? '' : forTerminal(cell, caps[i] ?? CELL_MAX);
      shown[at] = text;
      units[at] = text.length;
      bytes[at] = byteLength(text);
      blankEnd[at] = endsBlank(text) ? 1 : 0;
      if (i < widths.length && text.length > (widths[i] ?? 0)) widths[i] = text.length;
    }
  }

  // The rare line whose end trimEnd could shorten is made as a string and trimmed; the others are
  // measured from the lists above, then copied byte by byte.
  const trimmed = new Map<number, string>(); // row → its line, trimmed
  const rowLength = (row: number): number => cells[row]?.length ?? 0;
  const headerLine = line(header, widths);
  let size = Buffer.byteLength(headerLine) + 1;
  for (let row = 0; row < cells.length; row++) {
    const first = row * columns;
    const length = rowLength(row);
    if (length > 0 && blankEnd[first + length - 1] === 1) {
      const whole = line(shown.slice(first, first + length), widths);
      trimmed.set(row, whole);
      size += Buffer.byteLength(whole) + 1;
      continue;
    }
    size += 1;
    for (let i = 0; i < length; i++) {
      size += (i > 0 ? 2 : 0) + (bytes[first + i] ?? 0);
      const width = widths[i] ?? 0;
      const shownUnits = units[first + i] ?? 0;
      if (i < length - 1 && shownUnits < width) size += width - shownUnits;
    }
  }

  const out = Buffer.allocUnsafe(size);
  let pos = out.write(headerLine, 0, 'utf8');
  out[pos++] = NEWLINE;
  for (let row = 0; row < cells.length; row++) {
    const whole = trimmed.get(row);
    if (whole !== undefined) {
      pos += out.write(whole, pos, 'utf8');
    } else {
      const first = row * columns;
      const length = rowLength(row);
      for (let i = 0; i < length; i++) {
        if (i > 0) {
          out[pos++] = SPACE;
          out[pos++] = SPACE;
        }
        const cell = first + i;
        const text = shown[cell] ?? '';
        if ((bytes[cell] ?? 0) === text.length) for (let c = 0; c < text.length; c++) out[pos++] = text.charCodeAt(c);
        else pos += out.write(text, pos, 'utf8');
        const width = widths[i] ?? 0;
        if (i < length - 1) for (let pad = units[cell] ?? 0; pad < width; pad++) out[pos++] = SPACE;
      }
    }
    out[pos++] = NEWLINE;
  }
  return out;
}

/** One line of `texts` as a string, padded to `widths` and trimmed at the end. */
function line(texts: readonly string[], widths: readonly number[]): string {
  let text = '';
  for (let i = 0; i < texts.length; i++) text += `${i > 0 ? '  ' : ''}${padded(texts[i] ?? '', i < texts.length - 1 ? widths[i] ?? 0 : 0)}`;
  return text.trimEnd();
}

const byteLength = (text: string): number => (NOT_ASCII.test(text) ? Buffer.byteLength(text) : text.length);
const padded = (text: string, width: number): string => (text.length < width ? text.padEnd(width) : text);

/**
 * Whether trimEnd could shorten a line that ends in this cell: it is empty (the blanks before it
 * count then), or it ends in a space. forTerminal has escaped every other blank but Unicode's
 * spaces (U+00A0 and up), so anything from U+00A0 up is left to trimEnd itself.
 */
function endsBlank(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return text.length === 0 || last === 0x20 || last >= 0xa0;
}
