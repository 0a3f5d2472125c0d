import { RequestTimeoutError, isHTTPResponseError } from '@notionhq/client';
import { documentedCode, errorBody, systemCode } from '../check/notion-error-codes';

/**
 * How a call to Notion's OAuth endpoints (token, revoke) failed. `invalid_grant` and friends are
 * not in the SDK's list of error codes, so they arrive as UnknownHTTPResponseError: the verdict
 * comes from `status` and the body (`code`, or OAuth's own `error`), kept only when documented:
 * a token endpoint that echoes the request's Basic header puts the client secret in there.
 */
export type TokenEndpointError =
  /** 400 invalid_grant (or invalid_token): the code or token is dead (used, revoked, expired). */
  | { kind: 'invalid_grant' }
  /** 401, or invalid_client: Notion refused the client id or secret. */
  | { kind: 'client' }
  /** 429, 529, 5xx: try again later. */
  | { kind: 'transient'; status: number }
  /** Any other answer: Notion refused the request. `code`: a documented one, or null. */
  | { kind: 'refused'; status: number; code: string | null }
  /** No answer: network, DNS, timeout. */
  | { kind: 'unreachable'; why: string };

export function readTokenError(error: unknown): TokenEndpointError {
  if (isHTTPResponseError(error)) {
    const { status } = error;
    const code = codeOf(error.body) ?? documentedCode(error.code);
    if (code === 'invalid_grant' || code === 'invalid_token') return { kind: 'invalid_grant' };
    if (status === 401 || code === 'invalid_client' || code === 'unauthorized_client') return { kind: 'client' };
    if (status === 429 || status >= 500) return { kind: 'transient', status };
    return { kind: 'refused', status, code };
  }
  if (error instanceof RequestTimeoutError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
    return { kind: 'unreachable', why: 'no answer in time' };
  }
  const cause = error instanceof Error ? systemCode((error as { cause?: { code?: unknown } }).cause?.code) : null;
  return { kind: 'unreachable', why: cause ?? 'network error' };
}

function codeOf(body: string): string | null {
  const parsed = errorBody(body);
  return documentedCode(parsed?.code, { oauth: true }) ?? documentedCode(parsed?.error, { oauth: true });
}
