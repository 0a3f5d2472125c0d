import { RequestTimeoutError, isHTTPResponseError } from '@notionhq/client';

/**
 * How a call to Notion's OAuth endpoints (token, revoke) failed. `invalid_grant` and friends are
 * not in the SDK's list of error codes, so they arrive as UnknownHTTPResponseError: the verdict
 * comes from `status` and the body (`code`, or OAuth's own `error`).
 */
export type TokenEndpointError =
  /** 400 invalid_grant (or invalid_token): the code or token is dead (used, revoked, expired). */
  | { kind: 'invalid_grant' }
  /** 401, or invalid_client: Notion refused the client id or secret. */
  | { kind: 'client' }
  /** 429, 529, 5xx: try again later. */
  | { kind: 'transient'; status: number }
  /** Any other answer: Notion refused the request. */
  | { kind: 'refused'; status: number; code: string }
  /** No answer: network, DNS, timeout. */
  | { kind: 'unreachable'; why: string };

export function readTokenError(error: unknown): TokenEndpointError {
  if (isHTTPResponseError(error)) {
    const { status } = error;
    const code = codeOf(error.body) ?? error.code;
    if (code === 'invalid_grant' || code === 'invalid_token') return { kind: 'invalid_grant' };
    if (status === 401 || code === 'invalid_client' || code === 'unauthorized_client') return { kind: 'client' };
    if (status === 429 || status >= 500) return { kind: 'transient', status };
    return { kind: 'refused', status, code };
  }
  if (error instanceof RequestTimeoutError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
    return { kind: 'unreachable', why: 'no answer in time' };
  }
  const cause = error instanceof Error ? (error as { cause?: { code?: unknown } }).cause?.code : undefined;
  return { kind: 'unreachable', why: typeof cause === 'string' ? cause : 'network error' };
}

function codeOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { code, error } = parsed as Record<string, unknown>;
    return typeof code === 'string' ? code : typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}
