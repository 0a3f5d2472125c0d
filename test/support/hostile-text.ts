// Names an attacker can give a Notion workspace or bot, for the hostile emulator mode: terminal
// escapes (OSC 52 clipboard write, screen clear, colours), a forged table row, NUL, bidi override,
// zero-width characters, HTML for notification servers that render markup, and a 2 MB name.

import type { TokenSpec } from './notion-emulator';

export const OSC_NAME = 'Acme\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[2J\u001b[31mRED\nFAKE-LINE  valid\r\u202Eevil';
export const NUL_NAME = 'Nul\u0000Corp\u009b31m';
export const ZERO_WIDTH_NAME = 'Zero\u200bWidth\u200d\u2066Co\u2069\ufeff';
export const HTML_NAME = '<b>bold</b><a href="https://evil">x</a>';
export const HUGE_NAME = `Huge${'W'.repeat(2 * 1024 * 1024)}`;

export const HOSTILE_NAMES = [OSC_NAME, NUL_NAME, ZERO_WIDTH_NAME, HTML_NAME, HUGE_NAME] as const;

/** The emulator spec of a token whose workspace and bot are both named `name`. */
export function hostileSpec(name: string, identity: TokenSpec['identity'] = 'internal'): TokenSpec {
  return { identity, workspaceName: name, userName: name };
}

/** What no output, log line, notification argument or written file may hold raw. */
// eslint-disable-next-line no-control-regex -- finding these is the point
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** The first raw control in `text`, as `U+XXXX at N`, or null: readable in a failure message. */
export function firstRawControl(text: string): string | null {
  const match = RAW_CONTROL.exec(text);
  if (match === null) return null;
  return `U+${(match[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${String(match.index)}: ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}`;
}
