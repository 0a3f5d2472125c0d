// Notion's OAuth endpoints for the emulator (test/support/notion-emulator.ts): the authorize page,
// the token endpoint (authorization_code and refresh_token grants, Basic auth with the client id
// and secret), introspect and revoke. Refresh tokens rotate as Notion's do: every refresh returns
// a NEW access and refresh token and the old pair dies, so a refresh token used twice gets
// 400 invalid_grant. Issued access tokens answer users/me as a bot owned by a user. Revoke acts on
// exactly the token it is given: a live access or refresh token revokes its grant (both tokens);
// a dead one (an expired access token, a spent refresh token) is refused with 400 and changes nothing.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OAuthClientSpec {
  secret: string;
  /** The workspace an approval grants access to. Default 'Acme'. */
  workspaceName?: string;
  /** Default: a stable uuid from the workspace name. */
  workspaceId?: string;
  /** The integration's bot name, as users/me answers it. Default 'My Public Integration'. */
  botName?: string;
  /** When set, /authorize and the code exchange refuse any other redirect URI (Notion checks the registered ones). */
  redirectUris?: string[];
  /** The token endpoint decides (and rotates) at once, then waits this long before answering. */
  tokenDelayMs?: number;
  /** The token endpoint answers every call with this HTTP status (e.g. 503), before looking at the grant. */
  tokenStatus?: number;
  /** The revoke endpoint answers every call with this HTTP status (e.g. 503, or 400 invalid_request), revoking nothing. */
  revokeStatus?: number;
  /** The token endpoint answers every call with this hostile body, before looking at the grant. */
  tokenFailure?: HostileFailure;
  /** The revoke endpoint answers every call with this hostile body, revoking nothing. */
  revokeFailure?: HostileFailure;
}

/**
 * An error body an attacker (or a misbehaving proxy) controls: `echo-authorization` puts the
 * request's Authorization header (a Bearer token, or Basic client id:secret) in `code`, `error` and
 * `message`; `hugeCode` sends a `code` (and `message`) that many characters long.
 */
export type HostileBody = { body: 'echo-authorization' } | { hugeCode: number };
export type HostileFailure = { http: number } & HostileBody;

/** The hostile error body for this request. */
export function hostileError(req: IncomingMessage, status: number, hostile: HostileBody): Record<string, unknown> {
  const authorization = req.headers.authorization ?? '';
  const code = 'hugeCode' in hostile ? 'x'.repeat(hostile.hugeCode) : `echo:${authorization}`;
  const message = 'hugeCode' in hostile ? 'y'.repeat(hostile.hugeCode) : `${authorization} was refused upstream`;
  return { object: 'error', status, code, error: code, message };
}

export interface OAuthTokenCall {
  grantType: string | null;
  clientId: string | null;
  /** The HTTP status answered. */
  status: number;
  at: number;
}

export interface IssuedPair {
  clientId: string;
  access: string;
  refresh: string;
}

export type RefreshTokenState = 'live' | 'used' | 'revoked' | 'unknown';

/** The emulator's OAuth controls, merged into NotionEmulator. */
export interface OAuthControls {
  /** Register (or replace) a public integration's client. */
  registerOAuthClient(clientId: string, spec: OAuthClientSpec): void;
  updateOAuthClient(clientId: string, patch: Partial<OAuthClientSpec>): void;
  /** Every call of POST /v1/oauth/token, in arrival order. */
  oauthTokenCalls(): OAuthTokenCall[];
  /** Told each pair as it is issued (before the answer leaves): tests register them for the leak scan. */
  onOAuthTokens(listener: (pair: IssuedPair) => void): void;
  /** Every pair issued so far, oldest first. */
  issuedPairs(): IssuedPair[];
  /** The access token stops working (401), as an expired one does; its refresh token stays usable. */
  expireAccessToken(access: string): void;
  refreshTokenState(refresh: string): RefreshTokenState;
  /** The live pair of a client's newest grant for a workspace (what a refresh last returned). */
  currentPair(clientId: string): IssuedPair | null;
}

export interface EmulatorHooks {
  /** Make an access token answer users/me and search as an OAuth bot. */
  issueAccess(token: string, spec: { workspaceName: string; workspaceId: string; botId: string; botName: string }): void;
  /** The access token answers 401 from now on. */
  killAccess(token: string): void;
  uuidFrom(seed: string): string;
  personUser(name: string): Record<string, unknown>;
}

interface Grant {
  clientId: string;
  workspaceName: string;
  workspaceId: string;
  botId: string;
  access: string;
  refresh: string;
  revoked: boolean;
}

interface Code {
  clientId: string;
  redirectUri: string;
  used: boolean;
}

const randomToken = (prefix: string): string => `${prefix}${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;

export function createOAuthEndpoints(hooks: EmulatorHooks): { owns(path: string): boolean; handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void>; controls: OAuthControls } {
  const clients = new Map<string, OAuthClientSpec>();
  const codes = new Map<string, Code>();
  const grants: Grant[] = [];
  /** Every refresh token ever issued, with the grant it belongs to; `used` once it was spent. */
  const refreshTokens = new Map<string, { grant: Grant; used: boolean }>();
  const calls: OAuthTokenCall[] = [];
  const issued: IssuedPair[] = [];
  const listeners: ((pair: IssuedPair) => void)[] = [];
  /** Access tokens that answer 401 (expired, rotated away, revoked): revoke refuses them. */
  const deadAccess = new Set<string>();
  const kill = (access: string): void => {
    deadAccess.add(access);
    hooks.killAccess(access);
  };

  function issue(grant: Omit<Grant, 'access' | 'refresh' | 'revoked'>, existing?: Grant): Grant {
    const access = randomToken('ntn_');
    const refresh = randomToken('nrt_');
    const pair = { clientId: grant.clientId, access, refresh };
    issued.push(pair);
    for (const listener of listeners) listener(pair);
    const client = clients.get(grant.clientId);
    hooks.issueAccess(access, { workspaceName: grant.workspaceName, workspaceId: grant.workspaceId, botId: grant.botId, botName: client?.botName ?? 'My Public Integration' });
    const next: Grant = existing ?? { ...grant, access, refresh, revoked: false };
    next.access = access;
    next.refresh = refresh;
    if (!existing) grants.push(next);
    refreshTokens.set(refresh, { grant: next, used: false });
    return next;
  }

  function tokenAnswer(grant: Grant): Record<string, unknown> {
    return {
      access_token: grant.access,
      token_type: 'bearer',
      refresh_token: grant.refresh,
      bot_id: grant.botId,
      workspace_icon: null,
      workspace_name: grant.workspaceName,
      workspace_id: grant.workspaceId,
      owner: { type: 'user', user: hooks.personUser('Ada') },
      duplicated_template_id: null,
      request_id: randomBytes(8).toString('hex'),
    };
  }

  /** The client a Basic authorization header names, if its secret is right. */
  function authenticate(req: IncomingMessage): { clientId: string | null; ok: boolean } {
    const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) return { clientId: null, ok: false };
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const clientId = colon < 0 ? decoded : decoded.slice(0, colon);
    const spec = clients.get(clientId);
    return { clientId, ok: colon >= 0 && spec !== undefined && spec.secret === decoded.slice(colon + 1) };
  }

  function authorize(res: ServerResponse, url: URL): void {
    const query = url.searchParams;
    const clientId = query.get('client_id') ?? '';
    const client = clients.get(clientId);
    const redirectUri = query.get('redirect_uri') ?? '';
    const problem = !client ? 'Unknown client_id: this integration does not exist.'
      : query.get('response_type') !== 'code' || !URL.canParse(redirectUri) ? 'Missing or invalid response_type or redirect_uri.'
      : client.redirectUris && !client.redirectUris.includes(redirectUri) ? 'redirect_uri is not one of the integration\'s redirect URIs.'
      : null;
    if (!client || problem !== null) {
      page(res, 400, problem ?? '');
      return;
    }
    const decision = query.get('decision');
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (decision === 'approve') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { clientId, redirectUri, used: false });
      back.searchParams.set('code', code);
    } else if (decision === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const link = (d: string): string => {
        const u = new URL(url.href);
        u.searchParams.set('decision', d);
        return `${u.pathname}${u.search}`.replaceAll('&', '&amp;');
      };
      page(res, 200, `<p>${escapeHtml(client.botName ?? 'My Public Integration')} would like access to ${escapeHtml(client.workspaceName ?? 'Acme')}.</p><p><a id="approve" href="${link('approve')}">Allow access</a> <a id="deny" href="${link('deny')}">Cancel</a></p>`);
      return;
    }
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { Location: back.href, 'Content-Length': 0 });
    res.end();
  }

  function decideToken(req: IncomingMessage, body: string): { status: number; body: Record<string, unknown>; grantType: string | null; clientId: string | null } {
    const { clientId, ok } = authenticate(req);
    const fields = parseBody(body);
    const grantType = typeof fields.grant_type === 'string' ? fields.grant_type : null;
    const fail = (status: number, code: string, message: string): ReturnType<typeof decideToken> =>
      ({ status, grantType, clientId, body: { object: 'error', status, code, error: code, message } });
    const hostile = clientId === null ? undefined : clients.get(clientId)?.tokenFailure;
    if (hostile !== undefined) return { status: hostile.http, grantType, clientId, body: hostileError(req, hostile.http, hostile) };
    const forced = clientId === null ? undefined : clients.get(clientId)?.tokenStatus;
    if (forced !== undefined) return fail(forced, forced >= 500 ? 'service_unavailable' : 'invalid_request', 'Forced failure.');
    if (!ok || clientId === null) return fail(401, 'invalid_client', 'Client authentication failed.');
    const client = clients.get(clientId);
    if (!client) return fail(401, 'invalid_client', 'Client authentication failed.');

    if (grantType === 'authorization_code') {
      const code = typeof fields.code === 'string' ? codes.get(fields.code) : undefined;
      if (!code || code.used || code.clientId !== clientId) return fail(400, 'invalid_grant', 'Invalid code.');
      code.used = true;
      if (typeof fields.redirect_uri === 'string' && fields.redirect_uri !== code.redirectUri) return fail(400, 'invalid_grant', 'redirect_uri does not match.');
      const workspaceName = client.workspaceName ?? 'Acme';
      const workspaceId = client.workspaceId ?? hooks.uuidFrom(`workspace:${workspaceName}`);
      const grant = issue({ clientId, workspaceName, workspaceId, botId: hooks.uuidFrom(`oauth-bot:${clientId}:${workspaceId}`) });
      return { status: 200, grantType, clientId, body: tokenAnswer(grant) };
    }
    if (grantType === 'refresh_token') {
      const held = typeof fields.refresh_token === 'string' ? refreshTokens.get(fields.refresh_token) : undefined;
      if (!held || held.used || held.grant.revoked || held.grant.clientId !== clientId || held.grant.refresh !== fields.refresh_token) {
        return fail(400, 'invalid_grant', 'Invalid refresh token.');
      }
      held.used = true;
      kill(held.grant.access);
      return { status: 200, grantType, clientId, body: tokenAnswer(issue(held.grant, held.grant)) };
    }
    return fail(400, 'unsupported_grant_type', 'Unsupported grant_type.');
  }

  async function token(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const decided = decideToken(req, body);
    calls.push({ grantType: decided.grantType, clientId: decided.clientId, status: decided.status, at: Date.now() });
    const delay = decided.clientId === null ? 0 : (clients.get(decided.clientId)?.tokenDelayMs ?? 0);
    if (delay > 0) await sleep(delay);
    json(res, decided.status, decided.body);
  }

  function grantOf(token: string): Grant | undefined {
    return grants.find((g) => !g.revoked && (g.access === token || g.refresh === token));
  }

  /** The live grant this very token belongs to: its access token not dead, or its refresh token not spent. */
  function liveGrantOf(token: string, clientId: string | null): Grant | undefined {
    return grants.find((g) => !g.revoked && g.clientId === clientId
      && ((g.access === token && !deadAccess.has(token)) || (g.refresh === token && refreshTokens.get(token)?.used === false)));
  }

  function introspectOrRevoke(req: IncomingMessage, res: ServerResponse, body: string, revoke: boolean): void {
    const { clientId, ok } = authenticate(req);
    const hostile = revoke && clientId !== null ? clients.get(clientId)?.revokeFailure : undefined;
    if (hostile !== undefined) {
      json(res, hostile.http, hostileError(req, hostile.http, hostile));
      return;
    }
    const forced = revoke && clientId !== null ? clients.get(clientId)?.revokeStatus : undefined;
    if (forced !== undefined) {
      const code = forced >= 500 ? 'service_unavailable' : 'invalid_request';
      json(res, forced, { object: 'error', status: forced, code, error: code, message: 'Forced failure.' });
      return;
    }
    if (!ok) {
      json(res, 401, { object: 'error', status: 401, code: 'invalid_client', message: 'Client authentication failed.' });
      return;
    }
    const fields = parseBody(body);
    const token = typeof fields.token === 'string' ? fields.token : '';
    if (revoke) {
      const grant = liveGrantOf(token, clientId);
      if (!grant) {
        const code = refreshTokens.has(token) ? 'invalid_grant' : 'invalid_token';
        json(res, 400, { object: 'error', status: 400, code, error: code, message: 'The token is invalid, expired or revoked.' });
        return;
      }
      grant.revoked = true;
      kill(grant.access);
      json(res, 200, {});
      return;
    }
    const grant = grantOf(token);
    json(res, 200, grant ? { active: true, scope: 'read_content update_content insert_content', iat: Math.floor(Date.now() / 1000) } : { active: false });
  }

  const controls: OAuthControls = {
    registerOAuthClient(clientId, spec) {
      clients.set(clientId, { ...spec });
    },
    updateOAuthClient(clientId, patch) {
      const spec = clients.get(clientId);
      if (!spec) throw new Error('Notion emulator: updateOAuthClient() on a client that was never registered');
      clients.set(clientId, { ...spec, ...patch });
    },
    oauthTokenCalls: () => calls.map((c) => ({ ...c })),
    onOAuthTokens(listener) {
      listeners.push(listener);
    },
    issuedPairs: () => issued.map((p) => ({ ...p })),
    expireAccessToken(access) {
      kill(access);
    },
    refreshTokenState(refresh) {
      const held = refreshTokens.get(refresh);
      if (!held) return 'unknown';
      if (held.used) return 'used';
      return held.grant.revoked ? 'revoked' : 'live';
    },
    currentPair(clientId) {
      const grant = grants.filter((g) => g.clientId === clientId && !g.revoked).at(-1);
      return grant ? { clientId, access: grant.access, refresh: grant.refresh } : null;
    },
  };

  return {
    owns: (path) => path.startsWith('/v1/oauth/'),
    async handle(req, res, url, body) {
      const method = req.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/v1/oauth/authorize') authorize(res, url);
      else if (method === 'POST' && url.pathname === '/v1/oauth/token') await token(req, res, body);
      else if (method === 'POST' && url.pathname === '/v1/oauth/introspect') introspectOrRevoke(req, res, body, false);
      else if (method === 'POST' && url.pathname === '/v1/oauth/revoke') introspectOrRevoke(req, res, body, true);
      else json(res, 400, { object: 'error', status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' });
    },
    controls,
  };
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), 'x-notion-request-id': randomBytes(8).toString('hex') });
  res.end(payload);
}

function page(res: ServerResponse, status: number, html: string): void {
  const payload = `<!doctype html><meta charset="utf-8"><title>Notion</title>${html}`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
