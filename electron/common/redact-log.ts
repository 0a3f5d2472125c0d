import { redactToken, tokenHint } from './token-text';

// The last line of defence for log lines and for any text that came from outside: the app never
// logs a token, but a log line must not be the place we find out it did, and a server's error body
// may echo the request's Authorization header. Shared by the Electron main process (its log), the
// browser harness (its stderr log) and what the vault stores about a failed check. Pure: no Node
// built-ins, no Electron.

/**
 * A known token prefix (`ntn_`, `secret_`, `nrt_`, optionally `development_`) and a long alphanumeric
 * body, even glued to a word before it: a hostile server can put letters in front of an echoed token.
 */
const TOKEN_SHAPED = /(?:development_)?(?:ntn|secret|nrt)_[A-Za-z0-9]{16,}/g;

/**
 * The value of an Authorization header, wherever it shows: `Authorization: …`, `"authorization":"…"`,
 * `authorization=…`. Everything up to the end of the value (a quote, a line break, `,`, `;`, `&`, `}`) goes.
 */
const AUTHORIZATION_VALUE = /(authorization["']?\s*[:=]\s*["']?)([^"'\r\n,;&}]+)/gi;

/**
 * A credential after an HTTP auth scheme: `Bearer <token>`, `Basic <base64 of id:secret>`. Sixteen
 * characters at least, so that "Basic auth" and "Bearer token" in a sentence stay as they are.
 */
const SCHEME_VALUE = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]{16,}=*)/gi;

const HIDDEN = '…';

export interface RedactedLine {
  text: string;
  /** How many token-shaped strings were replaced: anything above 0 means something tried to log a token. */
  count: number;
}

/**
 * Every token-shaped string in `line` replaced by its redacted form (`ntn_…a1b2`; the prefixes are
 * token-text.ts's), and every Bearer or Basic credential and Authorization header value by `…`.
 */
export function redactTokenShaped(line: string): RedactedLine {
  let count = 0;
  const text = line
    .replace(AUTHORIZATION_VALUE, (_match, key: string, value: string) => {
      if (value.trim() === HIDDEN || value.trim() === '') return `${key}${value}`;
      count += 1;
      return `${key}${HIDDEN}`;
    })
    .replace(SCHEME_VALUE, (_match, scheme: string, space: string, value: string) => {
      count += 1;
      return `${scheme}${space}${tokenHint(value) === 'other' ? HIDDEN : redactToken(value)}`;
    })
    .replace(TOKEN_SHAPED, (candidate) => {
      if (tokenHint(candidate) === 'other') return candidate;
      count += 1;
      return redactToken(candidate);
    });
  return { text, count };
}
