import { describe, expect, it } from 'vitest';
import { codePoints, forNotification, outsideName, forTerminal, forTray, forWindow, isSafeText, notificationMarkup, stringifySafe } from '../../electron/common/outside-text';

const OSC_SAMPLE = 'Acme\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[2J\u001b[31mRED\nFAKE-LINE  valid\r\u202Eevil';
const HOSTILE = 'Acme\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[2J\u001b[31mRED\nFAKE-LINE  valid\r\u202Eevil';
/** Every character a face must never pass through raw. */
// eslint-disable-next-line no-control-regex -- these are what the test looks for
const RAW = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\p{Cf}/u;

describe('forTerminal', () => {
  it('shows controls, bidi and zero-width characters as visible escapes, on one line', () => {
    const shown = forTerminal(HOSTILE, 500);
    expect(shown).not.toMatch(RAW);
    expect(shown).toBe('Acme\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b[2J\\x1b[31mRED\\nFAKE-LINE  valid\\r\\u202eevil');
    expect(forTerminal('a\u0000b\u200bc\u0085d\u{e0041}')).toBe('a\\x00b\\u200bc\\x85d\\u{e0041}');
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['Acme', 'Zürich GmbH', '東京チーム', 'R&D <team>', 'emoji 🚀']) expect(forTerminal(name)).toBe(name);
  });

  it('caps a 2 MB name at the limit with an ellipsis, never cutting an escape', () => {
    const shown = forTerminal('x'.repeat(2_000_000));
    expect(codePoints(shown)).toBe(120);
    expect(shown.endsWith('…')).toBe(true);
    expect(forTerminal(`abc${'\u001b'.repeat(10)}`, 8)).toBe('abc\\x1b…');
    expect(codePoints(forTerminal('🚀'.repeat(50), 10))).toBe(10);
  });
});

describe('one-line faces', () => {
  it.each([['forTray', forTray], ['forWindow', forWindow], ['forNotification', forNotification]] as const)('%s drops what is unsafe and keeps one line', (_name, face) => {
    const shown = face(HOSTILE, 500);
    expect(shown).not.toMatch(RAW);
    expect(shown).toBe('Acme]52;c;ZWNobyBwd25lZA==[2J[31mRED FAKE-LINE  valid evil');
    expect(codePoints(face('y'.repeat(2_000_000), 30))).toBe(30);
  });

  it('caps the tray at 60 code points by default', () => {
    expect(codePoints(forTray('t'.repeat(1000)))).toBe(60);
  });
});

describe('notificationMarkup', () => {
  it('turns markup into text for servers that render it', () => {
    expect(notificationMarkup('<b>bold</b><a href="https://evil">x</a> & co')).toBe(
      '&#60;b&#62;bold&#60;/b&#62;&#60;a href=&#34;https://evil&#34;&#62;x&#60;/a&#62; &#38; co',
    );
  });
});

describe('stringifySafe', () => {
  it('parses back to the same value and carries no raw bidi, C1 or zero-width character', () => {
    const value = { name: HOSTILE, other: 'a\u0085b\u200b\u2066c\u{e0041}', n: 1 };
    const text = stringifySafe(value, 2);
    expect(text.replace(/\n/g, '')).not.toMatch(RAW); // the indentation's line breaks aside
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\\u202e');
  });
});

describe('outsideName', () => {
  it('quotes a name inside a message: escapes visible, short enough to leave room for the fix', () => {
    expect(outsideName(OSC_SAMPLE)).toBe('Acme\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b[2J\\x1b[31mRED\\nFAKE-…');
    expect(codePoints(outsideName('W'.repeat(2_000_000)))).toBe(60);
  });
});

describe('isSafeText', () => {
  it('tells names that need no change from those that do', () => {
    expect(isSafeText('Acme Corp')).toBe(true);
    expect(isSafeText('Acme\u202e')).toBe(false);
    expect(isSafeText('\ud800')).toBe(false);
  });
});
