import { describe, expect, it } from 'vitest';
import { forTerminal, forTerminalLines } from '../../electron/common/outside-text';
import { PassThrough } from 'node:stream';
import { Context } from '../../electron/cli/context';
import { table, tableBytes } from '../../electron/cli/format';
import { HUGE_NAME, OSC_NAME } from '../support/hostile-text';

describe('table', () => {
  it('keeps a hostile cell on its row, escaped, and pads by what is shown', () => {
    const text = table(['NAME', 'WORKSPACE', 'STATUS'], [['acme', OSC_NAME, 'invalid'], ['huge', HUGE_NAME, 'valid']]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^acme {2}Acme\\x1b\]52;c;.*\\n.*\\r\\u202eevil +invalid$/);
    expect(text.length).toBeLessThan(1_000);
  });

  it('aligns every column and ends no line in blanks, also where the last cells are empty or end in spaces', () => {
    const text = table(['NAME', 'WORKSPACE', 'NOTE'], [['a', 'Acme', ''], ['bb', 'Zürich\u00a0', 'x'], ['ccc', 'Hooli  ', ''], ['d', '', 'ok '], ['e']]);
    expect(text.split('\n')).toEqual([
      'NAME  WORKSPACE  NOTE',
      'a     Acme',
      'bb    Zürich\u00a0    x',
      'ccc   Hooli',
      'd                ok',
      'e',
      '',
    ]);
  });

  it('lays out 150,000 rows (more than a call takes as arguments)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`tok-${String(i)}`, 'Acme', 'valid']);
    expect(table(['NAME', 'WORKSPACE', 'STATUS'], rows).split('\n')).toHaveLength(150_002);
  });
});

/** The layout written the plain way: cells shown, padded with padEnd, lines trimmed at the end. */
function reference(header: readonly string[], cells: readonly (readonly string[])[], caps: readonly number[]): string {
  const shown = cells.map((row) => row.map((cell, i) => forTerminal(cell, caps[i] ?? 200)));
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]): string => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd();
  return [header, ...shown].map((row) => `${line(row)}\n`).join('');
}

describe('tableBytes', () => {
  it('writes, as UTF-8, exactly what the plain layout makes, for random tables of every kind of cell', () => {
    const pieces = ['a', 'Zürich', '東京', '😀', ' ', '\u00a0', '\u3000', '', 'x'.repeat(70), '\u001b[2J', 'é\u0301', '-', 'ok '];
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let round = 0; round < 2_000; round++) {
      const columns = 1 + next(4);
      const header = Array.from({ length: columns }, (_, i) => `H${String(i)}`);
      const rows = Array.from({ length: next(6) }, () => Array.from({ length: 1 + next(columns) }, () => Array.from({ length: next(3) }, () => pieces[next(pieces.length)]).join('')));
      const caps = next(2) === 0 ? [] : [60, 5];
      const bytes = tableBytes(header, rows, caps);
      expect(bytes.toString('utf8')).toBe(reference(header, rows, caps));
      expect(table(header, rows)).toBe(reference(header, rows, []));
    }
  });
});

describe('Context.printBytes', () => {
  const printed = (bytes: Buffer, secret?: string): string => {
    const out = new PassThrough();
    const ctx = new Context({}, out, new PassThrough());
    if (secret !== undefined) ctx.remember(secret);
    ctx.printBytes(bytes);
    return String(out.read());
  };

  it('passes printable ASCII through as it is', () => {
    expect(printed(Buffer.from('NAME  STATUS\nacme  valid\n'))).toBe('NAME  STATUS\nacme  valid\n');
  });

  it('sends anything else through print: controls escaped, UTF-8 kept, secrets of the process redacted', () => {
    expect(printed(Buffer.from('a\u001b[2Jb\nZürich\n'))).toBe('a\\x1b[2Jb\nZürich\n');
    const secret = `ntn_${'s'.repeat(46)}`;
    expect(printed(Buffer.from(`token ${secret}\n`), secret)).not.toContain(secret);
  });
});

describe('forTerminalLines', () => {
  it('keeps the line breaks the CLI wrote and escapes every other control', () => {
    expect(forTerminalLines('a\u001b[2Jb\nc\r\u202ed\n')).toBe('a\\x1b[2Jb\nc\\r\\u202ed\n');
    expect(forTerminalLines('plain\ntext\n')).toBe('plain\ntext\n');
    expect(forTerminalLines('Zürich ••• → ok\n')).toBe('Zürich ••• → ok\n');
  });
});
