// A stand-in for api.notion.com, for integration tests and the benchmark.
// It answers the calls the vault makes (GET /v1/users/me, POST /v1/search, and for `which`
// GET /v1/pages|databases|data_sources/{id}: see notion-emulator-content.ts) with Notion's real
// response shapes, counts requests in flight per workspace and can rate-limit a whole workspace
// (429 with Retry-After, as developers.notion.com/reference/request-limits describes), and can fail on demand the ways the real
// service and the network in between do: HTTP errors, hangs, resets, garbage,
// and hostile error bodies (the Authorization header echoed back, a 5 MB code).
// It also plays Notion's OAuth for public integrations (/v1/oauth/*, see
// notion-emulator-oauth.ts): an authorize page that tests answer by fetching it
// with `decision=approve|deny`, and a token endpoint whose refresh tokens rotate.

import { createHash, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContentStore, contentRoute, type ContentEndpoint } from './notion-emulator-content';
import { createOAuthEndpoints, hostileError, type HostileBody, type OAuthControls } from './notion-emulator-oauth';

export type { ContentSpec } from './notion-emulator-content';

export type { HostileBody, HostileFailure, IssuedPair, OAuthClientSpec, OAuthTokenCall, RefreshTokenState } from './notion-emulator-oauth';

export type Identity = 'internal' | 'pat-person' | 'pat-bot' | 'oauth' | 'bot-empty';

export type FailureStatus = 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504 | 529;

export type Failure =
  /** `retryAfter` is the Retry-After header value as sent: seconds ("1") or an HTTP date. */
  | { http: FailureStatus; retryAfter?: string; reason?: string }
  /** Accept the request and never answer (until stop()). */
  | { hang: true }
  /** Drop the connection with a TCP RST: the client sees ECONNRESET. */
  | { reset: true }
  /** 200 with a body that is not JSON, as a broken proxy might send. */
  | { malformed: true }
  /** A hostile error body (see HostileBody): a proxy echoing the Authorization header, or a 5 MB code. */
  | ({ http: FailureStatus } & HostileBody);

export type Endpoint = 'users/me' | 'search' | 'content';

export interface TokenSpec {
  identity: Identity;
  /** Default: a fixed uuid derived from the workspace name. */
  workspaceId?: string;
  /** Default 'Acme'; null answers `workspace_name: null`. */
  workspaceName?: string | null;
  /** The bot's (or, for pat-person, the person's) id and name; stable defaults. */
  userId?: string;
  userName?: string;
  /** Default true; false makes search answer no results. */
  pagesShared?: boolean;
  /** 401 unauthorized on every call. */
  revoked?: boolean;
  /** Every request fails this way (after any `failFirst` failures are used up). */
  fail?: Failure;
  /** The first `count` requests fail this way, then the token behaves normally. */
  failFirst?: { count: number; failure: Failure };
  /** Restrict `fail` and `failFirst` (and its counting) to one endpoint. */
  failOn?: Endpoint;
  /** Extra latency for this token, on top of the emulator-wide latency. */
  delayMs?: number;
  /** PATs: the person who created it (default 'Ada'); it sees what they can see. */
  creator?: string;
  /** false: pages, databases and data sources answer 403 restricted_resource (no content capability). */
  readContent?: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  notionVersion: string | null;
  /** Date.now() when the request arrived. */
  at: number;
  token: string | null;
  /** The workspace (name) of the token, when the emulator knows the token. */
  workspace: string | null;
}

export interface NotionEmulator extends OAuthControls {
  /** 'http://127.0.0.1:PORT', to pass as the client's baseUrl. */
  readonly url: string;
  /** Add or replace a token. */
  setToken(token: string, spec: TokenSpec): void;
  /** Change a token's behaviour mid-test; `failFirst` counting restarts only if the patch has `failFirst`. */
  updateToken(token: string, patch: Partial<TokenSpec>): void;
  revoke(token: string): void;
  /** Requests in arrival order: one token's, or all of them. */
  requests(token?: string): RequestRecord[];
  /** Forget the requests, and the in-flight peaks. */
  clearLog(): void;
  /** Latency added to every request. */
  setLatency(ms: number): void;
  /** Pages, databases and data sources, and who may see them. */
  readonly content: ContentStore;
  /** The most requests of one workspace's tokens that were ever in flight at once. */
  maxInFlight(workspaceName: string): number;
  /** The most requests of known tokens, of any workspace, that were ever in flight at once. */
  maxInFlightAll(): number;
  /** Every request of this workspace's tokens answers 429 with this Retry-After (seconds) until called with null. */
  throttleWorkspace(workspaceName: string, retryAfterSeconds: number | null): void;
  /** Close the server and destroy every open socket, hung requests included. */
  stop(): Promise<void>;
}

interface TokenState {
  spec: TokenSpec;
  /** How many `failFirst` failures have been served. */
  failedFirst: number;
}

/** What to answer, decided when the request arrives so that state changes keep arrival order. */
type Plan =
  | { kind: 'failure'; failure: Failure }
  | { kind: 'error'; status: number; code: string; message: string }
  | { kind: 'ok'; endpoint: Endpoint; token: string; spec: TokenSpec; content: { endpoint: ContentEndpoint; id: string } | null };

const ERRORS = {
  401: { code: 'unauthorized', message: 'API token is invalid.' },
  403: { code: 'restricted_resource', message: 'API token does not have access to this resource.' },
  404: {
    code: 'object_not_found',
    message: 'Could not find the requested object. Make sure the relevant pages and databases are shared with your integration.',
  },
  429: { code: 'rate_limited', message: 'You have been rate limited. Please try again in a few minutes.' },
  500: { code: 'internal_server_error', message: 'Unexpected error occurred.' },
  // Not in the SDK's APIErrorCode list, so @notionhq/client reports it as UnknownHTTPResponseError.
  502: {
    code: 'bad_gateway',
    message: 'Notion encountered an issue while attempting to complete this request (e.g., failed to establish a connection with an upstream server). Please try again.',
  },
  503: { code: 'service_unavailable', message: 'Notion is unavailable, please try again later.' },
  504: { code: 'gateway_timeout', message: 'Notion timed out while attempting to complete this request. Please try again later.' },
  529: { code: 'service_overload', message: 'Notion is unable to handle this request due to high load. Please try again later.' },
} as const satisfies Record<FailureStatus, { code: string; message: string }>;

const INVALID_TOKEN = { kind: 'error', status: 401, ...ERRORS[401] } as const;
const INVALID_URL = { kind: 'error', status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' } as const;

// Notion documents several rate_limit_reason values without promising the list;
// the vault must treat it as opaque, so any plausible one will do.
const RATE_LIMIT_REASON = 'integration_rate_limit';

const MALFORMED_BODY = '<html><head><title>200 OK</title></head><body>upstream sent an incomplete response</body></html>';

/** A stable uuid for a seed, so default ids never change between runs. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), `5${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

function personUser(name: string, id = uuidFrom(`person:${name}`)): Record<string, unknown> {
  return { object: 'user', id, name, type: 'person', person: { email: `${name.toLowerCase()}@example.com` } };
}

function usersMe(token: string, spec: TokenSpec): Record<string, unknown> {
  if (spec.identity === 'pat-person') {
    return { ...personUser(spec.userName ?? 'Ada', spec.userId), avatar_url: null };
  }
  // Each integration is its own bot, so the default bot id follows the token.
  const user = { object: 'user', id: spec.userId ?? uuidFrom(`bot:${token}`), name: spec.userName ?? 'My Integration', avatar_url: null, type: 'bot' };
  if (spec.identity === 'bot-empty') return { ...user, bot: {} };

  const workspaceName = spec.workspaceName === undefined ? 'Acme' : spec.workspaceName;
  const owner = spec.identity === 'internal' ? { type: 'workspace', workspace: true } : { type: 'user', user: personUser('Ada') };
  return {
    ...user,
    bot: {
      owner,
      workspace_name: workspaceName,
      workspace_id: spec.workspaceId ?? uuidFrom(`workspace:${workspaceName ?? ''}`),
      workspace_limits: { max_file_upload_size_in_bytes: 5_368_709_120 },
    },
  };
}

function search(token: string, spec: TokenSpec): Record<string, unknown> {
  const id = uuidFrom(`page:${token}`);
  const author = { object: 'user', id: spec.userId ?? uuidFrom('person:Ada') };
  const page = {
    object: 'page',
    id,
    created_time: '2025-01-06T09:00:00.000Z',
    last_edited_time: '2025-01-06T09:00:00.000Z',
    created_by: author,
    last_edited_by: author,
    cover: null,
    icon: null,
    parent: { type: 'workspace', workspace: true },
    archived: false,
    in_trash: false,
    is_locked: false,
    properties: { title: { id: 'title', type: 'title', title: [] } },
    url: `https://www.notion.so/${id.replaceAll('-', '')}`,
    public_url: null,
  };
  const results = spec.pagesShared === false ? [] : [page];
  return { object: 'list', results, next_cursor: null, has_more: false, type: 'page_or_data_source', page_or_data_source: {} };
}

function isJson(text: string): boolean {
  if (text === '') return true; // the SDK omits empty bodies
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function endpointOf(method: string, path: string): Endpoint | null {
  if (method === 'GET' && path === '/v1/users/me') return 'users/me';
  if (method === 'POST' && path === '/v1/search') return 'search';
  return contentRoute(method, path) === null ? null : 'content';
}

/** The workspace a token belongs to, whatever users/me says of it (a person PAT's answer names none). */
const workspaceOf = (spec: TokenSpec): string => (spec.workspaceName === undefined ? 'Acme' : spec.workspaceName ?? '');

/** Workspace-wide 429: the per-workspace limit is shared by every connection there. */
const WORKSPACE_LIMIT_REASON = 'workspace_rate_limit';

function bearerOf(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Seconds until a Retry-After value (delta-seconds or HTTP date) expires. */
function retryAfterSeconds(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.destroyed) return; // the client gave up while we were "thinking"
  const requestId = randomUUID();
  const payload = JSON.stringify({ ...body, request_id: requestId });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'x-notion-request-id': requestId,
    ...headers,
  });
  res.end(payload);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  sendJson(res, status, { object: 'error', status, code, message, ...extra }, headers);
}

function sendFailure(req: IncomingMessage, res: ServerResponse, failure: Failure): void {
  if ('hang' in failure) return; // keep the socket open; stop() destroys it
  if ('reset' in failure) {
    if (!req.socket.destroyed) req.socket.resetAndDestroy(); // RST rather than FIN, so the client sees ECONNRESET
    return;
  }
  if ('malformed' in failure) {
    if (res.destroyed) return;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(MALFORMED_BODY), 'x-notion-request-id': randomUUID() });
    res.end(MALFORMED_BODY);
    return;
  }
  if ('body' in failure || 'hugeCode' in failure) {
    sendJson(res, failure.http, hostileError(req, failure.http, failure));
    return;
  }
  const { code, message } = ERRORS[failure.http];
  const retryAfter = failure.retryAfter ?? (failure.http === 429 ? '1' : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
  const extra = failure.http === 429 && retryAfter !== undefined
    ? { additional_data: { retry_after: retryAfterSeconds(retryAfter), rate_limit_reason: 'reason' in failure && failure.reason !== undefined ? failure.reason : RATE_LIMIT_REASON } }
    : {};
  sendError(res, failure.http, code, message, extra, headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startNotionEmulator(options: { latencyMs?: number } = {}): Promise<NotionEmulator> {
  const tokens = new Map<string, TokenState>();
  const log: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  // Aborted by stop() to cut short every pending latency wait; each waiting request
  // listens on it, so hundreds of listeners are expected, not a leak.
  const stopping = new AbortController();
  const oauth = createOAuthEndpoints({
    issueAccess(token, { workspaceName, workspaceId, botId, botName }) {
      tokens.set(token, { spec: { identity: 'oauth', workspaceName, workspaceId, userId: botId, userName: botName }, failedFirst: 0 });
    },
    killAccess(token) {
      const state = tokens.get(token);
      if (state) state.spec = { ...state.spec, revoked: true };
    },
    uuidFrom,
    personUser: (name) => personUser(name),
  });
  setMaxListeners(0, stopping.signal);
  let latencyMs = options.latencyMs ?? 0;
  const content = new ContentStore();
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  let inFlightAll = 0;
  let peakAll = 0;
  const throttled = new Map<string, number>();
  let stopped: Promise<void> | undefined;

  /** Takes the failure due for this request, if any, counting `failFirst`. */
  function failureFor(state: TokenState, endpoint: Endpoint | null): Failure | undefined {
    const { spec } = state;
    if (spec.failOn !== undefined && spec.failOn !== endpoint) return undefined;
    if (spec.failFirst !== undefined && state.failedFirst < spec.failFirst.count) {
      state.failedFirst += 1;
      return spec.failFirst.failure;
    }
    return spec.fail;
  }

  // Infrastructure failures come first: a proxy fails before Notion ever looks at the token.
  function plan(token: string | null, endpoint: Endpoint | null, pathOfPlan: string): Plan {
    const state = token === null ? undefined : tokens.get(token);
    const failure = state === undefined ? undefined : failureFor(state, endpoint);
    if (failure !== undefined) return { kind: 'failure', failure };
    if (endpoint === null) return INVALID_URL;
    if (token === null || state === undefined || state.spec.revoked === true) return INVALID_TOKEN;
    const retryAfter = throttled.get(workspaceOf(state.spec));
    if (retryAfter !== undefined) return { kind: 'failure', failure: { http: 429, retryAfter: String(retryAfter), reason: WORKSPACE_LIMIT_REASON } };
    return { kind: 'ok', endpoint, token, spec: { ...state.spec }, content: endpoint === 'content' ? contentRoute('GET', pathOfPlan) : null };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const token = bearerOf(req.headers.authorization);
    const version = req.headers['notion-version'];
    const known = token === null ? undefined : tokens.get(token);
    const workspace = known === undefined ? null : workspaceOf(known.spec);
    log.push({ method, path, notionVersion: typeof version === 'string' ? version : null, at: Date.now(), token, workspace });
    if (oauth.owns(path)) {
      const body = await readBody(req);
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: stopping.signal });
      await oauth.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), body);
      return;
    }

    if (workspace !== null) {
      const now = (inFlight.get(workspace) ?? 0) + 1;
      inFlight.set(workspace, now);
      peak.set(workspace, Math.max(peak.get(workspace) ?? 0, now));
      peakAll = Math.max(peakAll, ++inFlightAll);
      res.once('close', () => {
        inFlight.set(workspace, (inFlight.get(workspace) ?? 1) - 1);
        inFlightAll -= 1;
      });
    }
    const decided = plan(token, endpointOf(method, path), path);
    const tokenDelay = token === null ? 0 : (tokens.get(token)?.spec.delayMs ?? 0);
    const body = decided.kind === 'failure' ? '' : await readBody(req);
    const wait = latencyMs + tokenDelay;
    if (wait > 0) await sleep(wait, undefined, { signal: stopping.signal });

    if (decided.kind === 'failure') {
      sendFailure(req, res, decided.failure);
    } else if (decided.kind === 'error') {
      sendError(res, decided.status, decided.code, decided.message);
    } else if (decided.content !== null) {
      const { endpoint, id } = decided.content;
      const { spec } = decided;
      const pat = spec.identity === 'pat-person' || spec.identity === 'pat-bot';
      const answer = content.answer(endpoint, id, { token: decided.token, kind: pat ? 'pat' : 'connection', creator: spec.creator ?? 'Ada', workspaceName: workspaceOf(spec), readContent: spec.readContent !== false });
      if (answer.status === 200) sendJson(res, 200, answer.body);
      else sendError(res, answer.status, answer.code, answer.message);
    } else if (decided.endpoint === 'users/me') {
      sendJson(res, 200, usersMe(decided.token, decided.spec));
    } else if (!isJson(body)) {
      sendError(res, 400, 'invalid_json', 'Error parsing JSON body.');
    } else {
      sendJson(res, 200, search(decided.token, decided.spec));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (stopping.signal.aborted) return; // stop() already destroyed the socket
      // An emulator bug should read as one, not as a network failure.
      if (!res.headersSent) sendError(res, 500, 'internal_server_error', `Notion emulator bug: ${String(error)}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  function updateToken(token: string, patch: Partial<TokenSpec>): void {
    const state = tokens.get(token);
    if (state === undefined) throw new Error('Notion emulator: updateToken() on a token that was never set');
    state.spec = { ...state.spec, ...patch };
    if ('failFirst' in patch) state.failedFirst = 0;
  }

  return {
    ...oauth.controls,
    url: `http://127.0.0.1:${port}`,
    setToken(token, spec) {
      tokens.set(token, { spec: { ...spec }, failedFirst: 0 });
    },
    updateToken,
    revoke(token) {
      updateToken(token, { revoked: true });
    },
    requests(token) {
      const wanted = token === undefined ? log : log.filter((record) => record.token === token);
      return wanted.map((record) => ({ ...record }));
    },
    clearLog() {
      log.length = 0;
      peak.clear();
      peakAll = inFlightAll;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    content,
    maxInFlight(workspaceName) {
      return peak.get(workspaceName) ?? 0;
    },
    maxInFlightAll() {
      return peakAll;
    },
    throttleWorkspace(workspaceName, retryAfterSeconds) {
      if (retryAfterSeconds === null) throttled.delete(workspaceName);
      else throttled.set(workspaceName, retryAfterSeconds);
    },
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        stopping.abort();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return stopped;
    },
  };
}
