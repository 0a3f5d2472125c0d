import { describe, expect, it } from 'vitest';
import { forTerminalLines } from '../../electron/common/outside-text';
import { table } from '../../electron/cli/format';
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

describe('forTerminalLines', () => {
  it('keeps the line breaks the CLI wrote and escapes every other control', () => {
    expect(forTerminalLines('a\u001b[2Jb\nc\r\u202ed\n')).toBe('a\\x1b[2Jb\nc\\r\\u202ed\n');
    expect(forTerminalLines('plain\ntext\n')).toBe('plain\ntext\n');
    expect(forTerminalLines('Zürich ••• → ok\n')).toBe('Zürich ••• → ok\n');
  });
});
