import { redactToken, tokenHint } from './token-text';

// The last line of defence for log lines: the app never logs a token, but a log line must not be
// the place we find out it did. Shared by the Electron main process (its stdout log) and the
// browser harness (its stderr log). Pure: no Node built-ins, no Electron.

/** A known token prefix (`ntn_`, `secret_`, `nrt_`, optionally `development_`) and a long alphanumeric body; not part of a longer word. */
const TOKEN_SHAPED = /(?<![A-Za-z0-9])(?:development_)?[a-z]+_[A-Za-z0-9]{16,}/g;

export interface RedactedLine {
  text: string;
  /** How many token-shaped strings were replaced: anything above 0 means something tried to log a token. */
  count: number;
}

/** Every token-shaped string in `line` replaced by its redacted form (`ntn_…a1b2`); the prefixes are token-text.ts's. */
export function redactTokenShaped(line: string): RedactedLine {
  let count = 0;
  const text = line.replace(TOKEN_SHAPED, (candidate) => {
    if (tokenHint(candidate) === 'other') return candidate;
    count += 1;
    return redactToken(candidate);
  });
  return { text, count };
}
