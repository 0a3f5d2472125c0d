// The rules for text a person pastes as a Notion token: how to get the bare
// token out of what they copied, when to refuse it, and how to show a token in
// logs without showing the secret.
//
// Shared by the CLI (stdin) and the renderer (paste hint), so it imports
// nothing: no Node built-ins, no Electron.
//
// We deliberately do not check the token against a pattern: Notion says its
// token format may change and must not be regex-validated. We only check that
// what is left is one plausible opaque string; Notion itself decides.

export type TokenTextProblem = 'empty' | 'too-long' | 'control-chars' | 'non-ascii' | 'spaces' | 'several' | 'too-short' | 'json';

export type NormalizeResult = { ok: true; token: string } | { ok: false; problem: TokenTextProblem; message: string };

export type TokenHint = 'ntn' | 'secret' | 'oauth-refresh' | 'other';

type Refusal = Extract<NormalizeResult, { ok: false }>;

/** Above this many characters we refuse before doing any other work, so a stray 1 MB paste costs nothing. */
const MAX_RAW_LENGTH = 10_000;
/** Notion tokens are about 50 characters; these bounds are generous on purpose. */
const MIN_TOKEN_LENGTH = 20;
const MAX_TOKEN_LENGTH = 300;
/** Wrappers inside wrappers (`export X="Bearer …"`) are peeled at most this many times. */
const MAX_PEELS = 4;

// Messages are fixed strings: a refusal must never echo any part of the
// pasted text, which may well be a secret.
const MESSAGES: Readonly<Record<TokenTextProblem, string>> = {
  'empty': 'Nothing was pasted: copy the token from Notion and paste it again.',
  'too-long': 'That is far too long to be a Notion token: paste only the token.',
  'control-chars': 'That text has control characters in it: copy the token again from Notion.',
  'non-ascii': "That text has characters no Notion token has (accents, curly quotes or '…'): copy the whole token again from Notion.",
  'spaces': 'That text has spaces in it: paste only the token (it looks like ntn_… and has no spaces).',
  'several': 'That looks like more than one token: paste one token at a time.',
  'too-short': 'That is too short to be a Notion token: copy the whole token from Notion.',
  'json': 'That looks like a piece of JSON, not a token: paste only the token (it looks like ntn_…).',
};
/** For text that was not empty but held no token (`NOTION_TOKEN=""`, a JSON object without a token key). */
const NO_TOKEN_MESSAGE = 'There is no token in that text: copy the token from Notion and paste only the token.';

/** Keys that name the token in a JSON object with several keys (compared lower-cased). */
const TOKEN_KEYS: ReadonlySet<string> = new Set(['token', 'access_token', 'notion_token', 'api_key', 'notion_api_key', 'secret']);

/** Straight, back and curly quotes: chat apps and docs turn straight quotes into curly ones. */
const QUOTES = '"\'`\u2018\u2019\u201C\u201D';

/** Invisible characters that web pages and editors leave around copied text; JS's trim() misses the zero-width ones. */
const ZERO_WIDTH = '\u200B\u200C\u200D\u2060\uFEFF';

/** Longest first, so `development_ntn_` wins over nothing and keeps its whole prefix when redacted. */
const PREFIX_HINTS: readonly (readonly [prefix: string, hint: TokenHint])[] = [
  ['development_ntn_', 'ntn'],
  ['ntn_', 'ntn'],
  ['secret_', 'secret'],
  ['nrt_', 'oauth-refresh'],
];

/** Redaction shows at most this many trailing characters of the secret body. */
const REDACT_TAIL = 4;
/** A body shorter than this shows no tail at all: 4 characters would be too large a share of it. */
const REDACT_MIN_BODY = 12;
/** redactAll ignores shorter "secrets": replacing them would mangle ordinary words in the text. */
const REDACT_ALL_MIN_LENGTH = 8;

export function normalizeTokenText(text: string): NormalizeResult {
  if (text.length > MAX_RAW_LENGTH) return refuse('too-long');
  const trimmed = trimEdges(text);
  if (trimmed === '') return refuse('empty');
  if (hasControlChars(trimmed)) return refuse('control-chars');

  const lines = trimmed.split(/\r\n|[\r\n\u2028\u2029]/).filter((line) => trimEdges(line) !== '');
  if (lines.length > 1) {
    // A pretty-printed JSON object is one paste spread over lines, not several tokens.
    const fromObject = fromJsonObject(trimmed);
    if (fromObject === null) return refuse('several');
    if (typeof fromObject !== 'string') return fromObject;
    return checkCandidate(peel(fromObject));
  }
  return checkCandidate(peel(trimmed));
}

/** A hint from the prefix only; any other string may still be a valid token. */
export function tokenHint(token: string): TokenHint {
  return PREFIX_HINTS.find(([prefix]) => token.startsWith(prefix))?.[1] ?? 'other';
}

/** How a token appears in logs: the known prefix and the last 4 characters at most, e.g. `ntn_…a1b2`. */
export function redactToken(token: string): string {
  if (token.length < REDACT_MIN_BODY) return '…';
  const prefix = PREFIX_HINTS.find(([p]) => token.startsWith(p))?.[0] ?? '';
  const body = token.slice(prefix.length);
  if (body.length < REDACT_MIN_BODY) return `${prefix}…`;
  return `${prefix}…${body.slice(-REDACT_TAIL)}`;
}

/**
 * Replaces every occurrence of each secret (8 characters or more) in `text` by its redacted form.
 * Occurrences are found in the original text first, so secrets that overlap or contain one
 * another cannot leave part of a secret behind; overlapping stretches become a bare '…'.
 */
export function redactAll(text: string, secrets: readonly string[]): string {
  const spans = findSecretSpans(text, secrets);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + (span.secret === null ? '…' : redactToken(span.secret));
    at = span.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------
// Normalization helpers

function refuse(problem: TokenTextProblem, message: string = MESSAGES[problem]): Refusal {
  return { ok: false, problem, message };
}

function isEdgeJunk(char: string): boolean {
  // \s covers spaces, tabs, CR/LF, NBSP and the BOM; ZERO_WIDTH adds what \s leaves out.
  return /\s/.test(char) || ZERO_WIDTH.includes(char);
}

/** Trims whitespace and invisible characters from both ends, without a regex that could backtrack on long runs. */
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeJunk(text.charAt(start))) start++;
  while (end > start && isEdgeJunk(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** C0 controls other than tab/CR/LF, DEL, and C1 controls: signs of a broken copy (NUL, terminal escapes). */
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c0 = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (c0 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Removes wrappers one layer at a time until none applies: `export X="Bearer ntn_…"` takes three passes.
 * Returns the candidate token, or a refusal when a wrapper shows there is no single token.
 */
function peel(text: string): string | Refusal {
  let current = trimEdges(text);
  for (let pass = 0; pass < MAX_PEELS; pass++) {
    const next = peelOnce(current);
    if (next === null) break;
    if (typeof next !== 'string') return next;
    current = trimEdges(next);
  }
  return current;
}

/** Tries each accepted form; null when the text is not wrapped in any of them. */
function peelOnce(text: string): string | Refusal | null {
  return fromJsonObject(text) ?? fromJsonPair(text) ?? fromAuthorization(text) ?? fromAssignment(text) ?? fromQuotes(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** `{"token": "ntn_…"}`, possibly pretty-printed over several lines. */
function fromJsonObject(text: string): string | Refusal | null {
  if (!text.startsWith('{')) return null;
  const object = parseJsonObject(text);
  return object === null ? null : tokenFromObject(object);
}

/** `"token": "ntn_…",` — a line copied out of a JSON file; parsed as JSON by wrapping it in braces. */
function fromJsonPair(text: string): string | Refusal | null {
  if (!text.startsWith('"') || !text.includes(':')) return null;
  const object = parseJsonObject(`{${text.replace(/,$/, '')}}`);
  return object === null ? null : tokenFromObject(object);
}

/** A single-key object gives its value whatever the key; otherwise one of TOKEN_KEYS must give the token. */
function tokenFromObject(object: Record<string, unknown>): string | Refusal {
  const entries = Object.entries(object);
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && typeof only[1] === 'string') return only[1];

  const values = new Set<string>();
  for (const [key, value] of entries) {
    if (TOKEN_KEYS.has(key.toLowerCase()) && typeof value === 'string') values.add(trimEdges(value));
  }
  const [first] = values;
  if (values.size > 1) return refuse('several');
  if (first === undefined) return refuse('empty', NO_TOKEN_MESSAGE);
  return first;
}

/** `Bearer ntn_…`, `Authorization: Bearer ntn_…` or `Authorization: ntn_…`, any case. */
function fromAuthorization(text: string): string | null {
  const match = /^(?:authorization\s*:\s*(?:bearer\s+)?|bearer\s+)(\S.*)$/is.exec(text);
  return match?.[1] ?? null;
}

/**
 * `NAME=value`, `export NAME='value'`, dotenv `NAME = "value"  # comment`, with an optional `;`.
 * Also `set NAME=…` (cmd) and `$env:NAME = "…"` (PowerShell), which people copy from Windows docs.
 * A value starting with `=` is not an assignment: it is base64 padding of an opaque token (`abc…xyz==`).
 */
function fromAssignment(text: string): string | null {
  const match = /^(?:export\s+|set\s+|\$env:)?[A-Za-z_][A-Za-z0-9_]*\s*=(?!=)(.*)$/s.exec(text);
  const raw = match?.[1];
  if (raw === undefined) return null;
  const value = trimEdges(raw);
  if (value === '') return null;
  return quotedAssignmentValue(value) ?? unquotedAssignmentValue(value);
}

/** `'…'` or `"…"` followed only by an optional `;` and an optional `# comment`; null otherwise. */
function quotedAssignmentValue(value: string): string | null {
  const quote = value.charAt(0);
  if (quote !== '"' && quote !== "'") return null;
  const close = value.indexOf(quote, 1);
  if (close < 0) return null;
  const tail = trimEdges(value.slice(close + 1)).replace(/^;/, '').trimStart();
  return tail === '' || tail.startsWith('#') ? value.slice(1, close) : null;
}

/** Cuts a ` # comment` (the `#` must follow whitespace, as in shells) and a trailing `;`. */
function unquotedAssignmentValue(value: string): string {
  const comment = value.search(/\s#/);
  const withoutComment = comment < 0 ? value : value.slice(0, comment);
  return trimEdges(trimEdges(withoutComment).replace(/;$/, ''));
}

/**
 * Quotes around the token, straight, back or curly, and also a lone quote at one end (a selection that
 * caught one quote but not the other). Only when the middle has no quote: otherwise it is not one quoted token.
 * A `,` or `;` after the closing quote (copied from code) goes too.
 */
function fromQuotes(text: string): string | null {
  const isQuote = (char: string): boolean => char !== '' && QUOTES.includes(char);
  let body = text;
  if (/[,;]$/.test(body) && isQuote(trimEdges(body.slice(0, -1)).slice(-1))) body = trimEdges(body.slice(0, -1));
  const start = isQuote(body.charAt(0)) ? 1 : 0;
  const end = body.length > start && isQuote(body.charAt(body.length - 1)) ? body.length - 1 : body.length;
  if (start === 0 && end === body.length) return null;
  const inner = body.slice(start, end);
  const hasInnerQuote = Array.from(QUOTES).some((quote) => inner.includes(quote));
  return hasInnerQuote ? null : inner;
}

/** Whether a piece of a line looks like a token of its own, to tell "two tokens" from "a token and a word". */
function looksLikeToken(piece: string): boolean {
  return tokenHint(piece) !== 'other' || piece.length >= MIN_TOKEN_LENGTH;
}

/** The last word: what is left must be one printable-ASCII string of plausible length. */
function checkCandidate(candidate: string | Refusal): NormalizeResult {
  if (typeof candidate !== 'string') return candidate;
  if (candidate === '') return refuse('empty', NO_TOKEN_MESSAGE);
  // JSON escapes (`\u0000`) can bring control characters back after the first check.
  if (hasControlChars(candidate)) return refuse('control-chars');
  const pieces = candidate.split(/[\s,;]+/).filter((piece) => piece !== '');
  if (pieces.filter(looksLikeToken).length > 1) return refuse('several');
  if (/\s/.test(candidate)) return refuse('spaces');
  if (/[^\x21-\x7E]/.test(candidate)) return refuse('non-ascii');
  // No Notion token starts with a bracket, and a stored `{` would read as an OAuth pair (oauth/token-pair.ts).
  if (/^[{[]/.test(candidate)) return refuse('json');
  if (candidate.length > MAX_TOKEN_LENGTH) return refuse('too-long');
  if (candidate.length < MIN_TOKEN_LENGTH) return refuse('too-short');
  return { ok: true, token: candidate };
}

// ---------------------------------------------------------------------------
// Redaction helpers

interface SecretSpan {
  start: number;
  end: number;
  /** The secret this stretch is exactly one occurrence of, or null where occurrences overlap. */
  secret: string | null;
}

/** Every occurrence of every secret, merged where they overlap, in text order. */
function findSecretSpans(text: string, secrets: readonly string[]): SecretSpan[] {
  const found: SecretSpan[] = [];
  for (const secret of new Set(secrets)) {
    if (secret.length < REDACT_ALL_MIN_LENGTH) continue;
    // Step by one so overlapping occurrences (`aaaa…` in `aaaaa…`) are all found and merged.
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      found.push({ start: at, end: at + secret.length, secret });
    }
  }
  // Longest first at equal starts, so a secret contained in another merges into it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);

  const merged: SecretSpan[] = [];
  for (const span of found) {
    const last = merged.at(-1);
    if (last === undefined || span.start >= last.end) {
      merged.push({ ...span });
    } else if (span.end > last.end) {
      last.end = span.end;
      last.secret = null;
    }
  }
  return merged;
}
