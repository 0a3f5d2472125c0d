import { redactTokenShaped } from '../../common/redact-log';

// What the vault keeps about a failed check (lastError, history): our own codes and words, but
// bounded and redacted here too, so that no path that builds one (a check, a refresh, a face we
// add later) can put a server's echo of a token, or megabytes, into vault.json and the window.

/** Our codes (`http_502`, `invalid_grant`, `network`) are short snake_case words. */
const CODE = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_ERROR_MESSAGE = 300;

/** `code` if it reads as one of ours; `unexpected_answer` otherwise. */
export const storedCode = (code: string): string => (CODE.test(code) ? code : 'unexpected_answer');

/** `message` with token-shaped strings redacted, on one line, at most MAX_ERROR_MESSAGE characters. */
export function storedMessage(message: string): string {
  // Redact before cutting: a cut through a token would leave a piece too short to be recognized.
  const text = redactTokenShaped(message.length > 4 * MAX_ERROR_MESSAGE ? message.slice(0, 4 * MAX_ERROR_MESSAGE) : message).text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  if (text.length <= MAX_ERROR_MESSAGE) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_ERROR_MESSAGE - 2)) ? MAX_ERROR_MESSAGE - 2 : MAX_ERROR_MESSAGE - 1;
  return `${text.slice(0, cut)}…`;
}
