// What of a server's error body may be kept: its `code`, and only when it is one Notion documents.
// Anything else there (an unknown code, any `message`) may be a proxy echoing the request's
// Authorization header, or megabytes long, so it is never stored or shown: we say it in our words.

/** developers.notion.com/reference/status-codes, plus what the SDK and Notion's 502/529 answers use. */
const NOTION_CODES: ReadonlySet<string> = new Set([
  'invalid_json', 'invalid_request_url', 'invalid_request', 'invalid_grant', 'invalid_beta', 'validation_error',
  'missing_version', 'unauthorized', 'restricted_resource', 'object_not_found', 'conflict_error', 'rate_limited',
  'internal_server_error', 'bad_gateway', 'service_unavailable', 'database_connection_unavailable', 'gateway_timeout',
  'service_overload',
]);

/** OAuth's own error codes, which Notion's token and revoke endpoints also answer (RFC 6749 §5.2, RFC 7009 §2.2.1). */
const OAUTH_CODES: ReadonlySet<string> = new Set([
  'invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'access_denied', 'invalid_token', 'unsupported_token_type',
]);

/** Notion's error bodies are a few hundred bytes: a longer one is not read at all. */
const MAX_BODY = 64 * 1024;

/** Said in place of a code that is not one of Notion's. */
export const UNEXPECTED_ANSWER = 'unexpected answer';

/** `value` if it is a documented Notion (or, with `oauth`, OAuth) error code; null otherwise. */
export function documentedCode(value: unknown, { oauth = false }: { oauth?: boolean } = {}): string | null {
  if (typeof value !== 'string') return null;
  return NOTION_CODES.has(value) || (oauth && OAUTH_CODES.has(value)) ? value : null;
}

/** An error body as JSON, if it is a small JSON object. */
export function errorBody(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'string' || body.length > MAX_BODY) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The status and the code as a person reads them: `502 bad_gateway`, or `502, unexpected answer`. */
export const describeAnswer = (status: number, code: string | null): string =>
  code === null ? `${String(status)}, ${UNEXPECTED_ANSWER}` : `${String(status)} ${code}`;

/** A Node error code (ECONNREFUSED, UND_ERR_SOCKET) worth naming; anything else is not. */
export const systemCode = (value: unknown): string | null => (typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(value) ? value : null);
