// Text from outside the vault (workspace and bot names, error text, file contents) is data: each
// face shows it through one of these. Names are stored as Notion sent them; only display changes.
// Pure: no Node built-ins, the renderer imports it too. The Unicode classes are built on first use
// (once.ts): a `get` that prints no outside text never pays for them.

import { once } from './once';

/**
 * What must never reach a face raw: C0, DEL and C1 controls (terminal escapes, NUL), format
 * characters (bidi overrides and isolates, zero-width, tag characters), line and paragraph
 * separators, lone surrogates, and the variation-selector supplement (used to hide text).
 */
const UNSAFE = once(() => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u{E0100}-\u{E01EF}]/u);
const UNSAFE_ALL = once(() => new RegExp(UNSAFE().source, 'gu'));
const NOT_PLAIN_ASCII = /[^\n\x20-\x7e]/;
/** UNSAFE minus C0, which JSON.stringify escapes inside strings and indents with outside them. */
const UNSAFE_IN_JSON = once(() => /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u{E0100}-\u{E01EF}]/gu);
/** Any character from DEL up: none of UNSAFE_IN_JSON is below it. */
const NOT_BELOW_DEL = /[\u007f-\uffff]/; // UTF-16 units: an astral character is two of them
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/u;

export const TERMINAL_MAX = 120;
export const NOTIFICATION_MAX = 200;
export const TRAY_MAX = 60;
export const WINDOW_MAX = 200;
const NAME_IN_MESSAGE_MAX = 60;

const ELLIPSIS = '…';
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A visible stand-in for an unsafe character: `\x1b`, `\n`, `\u202e`, `\u{e0041}`. */
function visibleEscape(char: string): string {
  const short = SHORT[char];
  if (short !== undefined) return short;
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** How many code points `text` holds (what the caps count). */
export function codePoints(text: string): number {
  return Array.from(text).length;
}

/**
 * Each code point mapped by `piece`, stopping at `max` code points with "…": a 2 MB name costs
 * no more than `max` steps, and an escape is never cut in half.
 */
function mapCapped(text: string, max: number, piece: (char: string) => string): string {
  const limit = Math.max(1, Math.floor(max));
  // Most names need nothing: a 100,000-entry list must not pay a loop per character.
  if (text.length <= limit && !UNSAFE().test(text)) return text;
  const parts: string[] = [];
  let used = 0;
  for (const char of text) {
    const out = piece(char);
    const width = out.length === 1 ? 1 : codePoints(out);
    if (used + width > limit) {
      // Make room for the ellipsis by dropping whole pieces from the end.
      while (parts.length > 0 && used + 1 > limit) used -= codePoints(parts.pop() ?? '');
      return `${parts.join('')}${ELLIPSIS}`;
    }
    parts.push(out);
    used += width;
  }
  return parts.join('');
}

/** For a terminal and log files: unsafe characters shown as escapes (`\x1b`, `\n`, `\u202e`), at most `max` code points. */
export function forTerminal(text: string, max = TERMINAL_MAX): string {
  return mapCapped(text, max, (char) => (UNSAFE().test(char) ? visibleEscape(char) : char));
}

/**
 * For text the CLI composed (tables, messages) on its way to a terminal: every unsafe character
 * but the line breaks it put there shown as an escape. The last line of defence: the fields in it
 * have already been through `forTerminal`. Not capped.
 */
export function forTerminalLines(text: string): string {
  // Printable ASCII needs nothing, and a simple class is much faster than the Unicode one on a big table.
  if (!NOT_PLAIN_ASCII.test(text)) return text;
  return text.replace(UNSAFE_ALL(), (char) => (char === '\n' ? char : visibleEscape(char)));
}

/**
 * A name from outside quoted inside a message any face may show (an error, a warning): escapes
 * visible, at most 60 code points, so a 2 MB workspace name cannot push the fix out of the line.
 */
export function outsideName(text: string): string {
  return forTerminal(text, NAME_IN_MESSAGE_MAX);
}

/** One line of plain text: line breaks become spaces, other unsafe characters are dropped. */
function plainLine(text: string, max: number): string {
  return mapCapped(text, max, (char) => (BREAKS.test(char) ? ' ' : UNSAFE().test(char) ? '' : char));
}

/**
 * For a notification's title or body, as plain text: no controls, bidi or format characters, one
 * line, capped. Servers that render body markup need `notificationMarkup` on top.
 */
export function forNotification(text: string, max = NOTIFICATION_MAX): string {
  return plainLine(text, max);
}

/**
 * A notification body for servers that render markup (the freedesktop spec's body-markup, which
 * notify-send and Electron's libnotify pass through on Linux): `& < > " '` as entities, so
 * `<a href=…>` shows as text. Not for titles (the spec's summary is plain) nor macOS/Windows.
 */
export function notificationMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** For a tray label or tooltip: one line, nothing unsafe, at most `max` code points. */
export function forTray(text: string, max = TRAY_MAX): string {
  return plainLine(text, max);
}

/** For the window (React escapes HTML): nothing unsafe, one line, at most `max` code points. */
export function forWindow(text: string, max = WINDOW_MAX): string {
  return plainLine(text, max);
}

/** True when `text` holds nothing a face would have to change (length aside). */
export function isSafeText(text: string): boolean {
  return !UNSAFE().test(text);
}

/** JSON escape of one UTF-16 unit. */
const unitEscape = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;

/**
 * `JSON.stringify`, with every unsafe character escaped too (it escapes C0 only): the document
 * parses to the same value, and no raw U+202E, C1 or zero-width character reaches the terminal.
 */
export function stringifySafe(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space) as string | undefined;
  if (text === undefined) return 'null';
  // Nothing but ASCII below DEL (a big vault.json, mostly): one simple scan instead of the Unicode one.
  if (!NOT_BELOW_DEL.test(text)) return text;
  // Outside strings JSON holds only ASCII, so every match is inside a string literal.
  return text.replace(UNSAFE_IN_JSON(), (char) => Array.from({ length: char.length }, (_, i) => unitEscape(char.charCodeAt(i))).join(''));
}
