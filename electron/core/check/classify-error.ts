import { RequestTimeoutError, isHTTPResponseError } from '@notionhq/client';
import { invalidTokenMessage } from '../../common/advice';
import { UNEXPECTED_ANSWER, documentedCode, errorBody, systemCode } from './notion-error-codes';

/**
 * How a failed request is understood. Only `unauthorized` ever makes a token invalid. `code` is one
 * of Notion's documented codes or our own (`http_502`, `timeout`); `message` is always our words.
 */
export type Failure =
  | { kind: 'unauthorized'; code: string; message: string }
  | { kind: 'retry'; code: string; message: string; retryAfterMs: number | null }
  | { kind: 'unknown'; code: string; message: string; unreachable: boolean };

const RETRYABLE = new Set([429, 529]);

export function classifyError(error: unknown, now: () => number = Date.now): Failure {
  if (isHTTPResponseError(error)) {
    const { status } = error;
    const documented = documentedCode(error.code) ?? documentedCode(errorBody(error.body)?.code);
    const code = documented ?? `http_${String(status)}`;
    const said = documented ?? UNEXPECTED_ANSWER;
    if (status === 401) {
      return { kind: 'unauthorized', code, message: invalidTokenMessage('rotate it in') };
    }
    if (RETRYABLE.has(status)) {
      const blocked = reasonFromBody(error.body) === 'public_api_request_blocked';
      const message = status === 429 ? 'Notion is rate-limiting this token or its workspace: it will be checked again later.' : 'Notion is overloaded: it will be checked again later.';
      if (blocked) return { kind: 'unknown', code, message: 'Notion has blocked API requests for this workspace: ask a workspace owner, then check again.', unreachable: false };
      return { kind: 'retry', code, message, retryAfterMs: parseRetryAfter(headerOf(error.headers, 'retry-after'), now) };
    }
    if (status === 403) return { kind: 'unknown', code, message: 'Notion refused the request (403 restricted_resource): check the token\'s capabilities in Notion.', unreachable: false };
    if (status >= 500) return { kind: 'unknown', code, message: `Notion answered ${String(status)} (${said}): it will be checked again later.`, unreachable: false };
    return { kind: 'unknown', code, message: `Notion answered ${String(status)} (${said}): check again later.`, unreachable: false };
  }
  if (error instanceof RequestTimeoutError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
    return { kind: 'unknown', code: 'timeout', message: 'Notion did not answer in time: check your connection; it will be checked again later.', unreachable: true };
  }
  if (error instanceof SyntaxError) {
    return { kind: 'unknown', code: 'malformed', message: 'Notion sent an answer that is not JSON (a proxy or captive portal?): check again later.', unreachable: false };
  }
  if (error instanceof TypeError) {
    const cause = systemCode((error as { cause?: { code?: unknown } }).cause?.code);
    const why = cause === null ? '' : ` (${cause})`;
    return { kind: 'unknown', code: 'network', message: `Cannot reach Notion${why}: check your connection or NOTION_API_BASE_URL.`, unreachable: true };
  }
  return { kind: 'unknown', code: 'error', message: 'The check failed unexpectedly: try again.', unreachable: false };
}

/** `Retry-After` as delay: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: () => number = Date.now): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now());
}

function headerOf(headers: unknown, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  if (typeof headers === 'object' && headers !== null) {
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return null;
}

/** Only compared with a known value, never stored or shown. */
function reasonFromBody(body: string): string | null {
  const data = errorBody(body)?.additional_data;
  const reason = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).rate_limit_reason : undefined;
  return typeof reason === 'string' ? reason : null;
}
