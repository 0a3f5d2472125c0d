// checkToken end to end: the real @notionhq/client, real HTTP, the Notion emulator on the other side.
// Every emulator behaviour is covered; sleeps are injected so retries are recorded, not waited out.

import type { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkToken, type CheckOptions, type CheckOutcome } from '../../electron/core/check/check-token';
import { createNotionClient, NOTION_VERSION } from '../../electron/core/check/notion-client';
import type { Me } from '../../electron/core/check/read-me';
import { startNotionEmulator, type Failure, type NotionEmulator, type TokenSpec } from '../support/notion-emulator';

let emulator: NotionEmulator;
let client: Client;

beforeAll(async () => {
  emulator = await startNotionEmulator();
  client = createNotionClient({ baseUrl: emulator.url, timeoutMs: 5_000 });
});

afterAll(async () => {
  await emulator.stop();
});

let counter = 0;
/** A fresh, realistic-looking fake token, so every test has its own emulator state and request log. */
function freshToken(): string {
  counter += 1;
  return `ntn_${String(counter).padStart(6, '0')}CheckTokenIntegrationTestFakeSecret0123456`;
}

function tokenWith(spec: TokenSpec): string {
  const token = freshToken();
  emulator.setToken(token, spec);
  return token;
}

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

async function check(token: string, options: CheckOptions = {}, using: Client = client): Promise<{ outcome: CheckOutcome; waits: number[] }> {
  const { waits, sleep } = recordingSleep();
  const outcome = await checkToken(using, token, { sleep, ...options });
  return { outcome, waits };
}

function expectOk(outcome: CheckOutcome): { me: Me; pagesShared: boolean | null } {
  if (outcome.result !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function expectUnknown(outcome: CheckOutcome): Extract<CheckOutcome, { result: 'unknown' }> {
  if (outcome.result !== 'unknown') throw new Error(`expected unknown, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function expectUnauthorized(outcome: CheckOutcome): Extract<CheckOutcome, { result: 'unauthorized' }> {
  if (outcome.result !== 'unauthorized') throw new Error(`expected unauthorized, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A person-facing message: one line, and never the token. */
function expectOneLine(message: string, token: string): void {
  expect(message).not.toMatch(/[\r\n]/);
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toContain(token);
  expect(message).not.toContain(token.slice(4, 20));
}

describe('checkToken: identities', () => {
  it('internal integration: a bot owned by the workspace, with its workspace', async () => {
    const token = tokenWith({ identity: 'internal', workspaceName: 'Acme', userName: 'Vault Bot' });
    const { outcome } = await check(token);
    const { me, pagesShared } = expectOk(outcome);
    expect(me.owner).toBe('workspace');
    expect(me.identity.type).toBe('bot');
    expect(me.identity.id).toMatch(UUID);
    expect(me.identity.name).toBe('Vault Bot');
    expect(me.workspaceName).toBe('Acme');
    expect(me.workspaceId).toMatch(UUID);
    expect(pagesShared).toBe(true);
  });

  it('PAT answering as a person: no workspace in the answer', async () => {
    const token = tokenWith({ identity: 'pat-person', userName: 'Grace', userId: '11111111-2222-4333-8444-555555555555' });
    const { outcome } = await check(token);
    const { me, pagesShared } = expectOk(outcome);
    expect(me).toEqual({
      identity: { type: 'person', id: '11111111-2222-4333-8444-555555555555', name: 'Grace' },
      owner: 'person',
      workspaceId: null,
      workspaceName: null,
    });
    expect(pagesShared).toBe(true);
  });

  it('PAT answering as a bot owned by a user', async () => {
    const token = tokenWith({ identity: 'pat-bot', workspaceName: 'Globex', workspaceId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' });
    const { outcome } = await check(token);
    const { me } = expectOk(outcome);
    expect(me.owner).toBe('user');
    expect(me.identity.type).toBe('bot');
    expect(me.workspaceId).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    expect(me.workspaceName).toBe('Globex');
  });

  it('OAuth token: a bot owned by the user who installed it', async () => {
    const token = tokenWith({ identity: 'oauth', workspaceName: 'Initech' });
    const { outcome } = await check(token);
    const { me, pagesShared } = expectOk(outcome);
    expect(me.owner).toBe('user');
    expect(me.identity.type).toBe('bot');
    expect(me.workspaceName).toBe('Initech');
    expect(me.workspaceId).toMatch(UUID);
    expect(pagesShared).toBe(true);
  });

  it('`bot: {}` does not crash: owner unknown, no workspace', async () => {
    const token = tokenWith({ identity: 'bot-empty' });
    const { outcome } = await check(token);
    const { me } = expectOk(outcome);
    expect(me.owner).toBe('unknown');
    expect(me.identity.type).toBe('bot');
    expect(me.workspaceId).toBeNull();
    expect(me.workspaceName).toBeNull();
  });

  it('`workspace_name: null` is kept as null, the workspace id still read', async () => {
    const token = tokenWith({ identity: 'internal', workspaceName: null });
    const { outcome } = await check(token);
    const { me } = expectOk(outcome);
    expect(me.workspaceName).toBeNull();
    expect(me.workspaceId).toMatch(UUID);
    expect(me.owner).toBe('workspace');
  });

  it('no page shared: pagesShared false, still ok', async () => {
    const token = tokenWith({ identity: 'internal', pagesShared: false });
    const { outcome } = await check(token);
    expect(expectOk(outcome).pagesShared).toBe(false);
  });

  it('adds latency without failing when it stays under the timeout', async () => {
    const token = tokenWith({ identity: 'internal', delayMs: 150 });
    const { outcome } = await check(token);
    expect(expectOk(outcome).pagesShared).toBe(true);
  });
});

describe('checkToken: the requests it makes', () => {
  it('GET /v1/users/me then POST /v1/search, each with Notion-Version 2026-03-11 and the token as bearer', async () => {
    const token = tokenWith({ identity: 'internal' });
    expectOk((await check(token)).outcome);
    const log = emulator.requests(token);
    expect(log.map((r) => ({ method: r.method, path: r.path, notionVersion: r.notionVersion, token: r.token }))).toEqual([
      { method: 'GET', path: '/v1/users/me', notionVersion: '2026-03-11', token },
      { method: 'POST', path: '/v1/search', notionVersion: '2026-03-11', token },
    ]);
    expect(NOTION_VERSION).toBe('2026-03-11');
  });

  it('does not search when users/me fails', async () => {
    const token = tokenWith({ identity: 'internal', revoked: true });
    expectUnauthorized((await check(token)).outcome);
    expect(emulator.requests(token).map((r) => r.path)).toEqual(['/v1/users/me']);
  });
});

describe('checkToken: 401 is the only "invalid"', () => {
  it('revoked token → unauthorized', async () => {
    const token = tokenWith({ identity: 'internal' });
    expectOk((await check(token)).outcome);
    emulator.revoke(token);
    const unauthorized = expectUnauthorized((await check(token)).outcome);
    expect(unauthorized.code).toBe('unauthorized');
    expectOneLine(unauthorized.message, token);
  });

  it('a token Notion never issued → unauthorized', async () => {
    const token = freshToken();
    expect(expectUnauthorized((await check(token)).outcome).code).toBe('unauthorized');
  });

  it('an explicit 401 failure → unauthorized, not retried', async () => {
    const token = tokenWith({ identity: 'pat-person', fail: { http: 401 } });
    const { outcome, waits } = await check(token);
    expectUnauthorized(outcome);
    expect(waits).toEqual([]);
    expect(emulator.requests(token)).toHaveLength(1);
  });

  it('403 restricted_resource → unknown, not unauthorized', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 403 } });
    const unknown = expectUnknown((await check(token)).outcome);
    expect(unknown.code).toBe('restricted_resource');
    expect(unknown.unreachable).toBe(false);
    expect(unknown.retryAfterMs).toBeNull();
    expectOneLine(unknown.message, token);
  });

  it('404 object_not_found → unknown', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 404 } });
    const unknown = expectUnknown((await check(token)).outcome);
    expect(unknown.code).toBe('object_not_found');
    expect(unknown.unreachable).toBe(false);
  });
});

describe('checkToken: rate limits and Retry-After', () => {
  it('429 twice with Retry-After "1", then OK → ok after waiting 1000 ms twice', async () => {
    const token = tokenWith({ identity: 'internal', failFirst: { count: 2, failure: { http: 429, retryAfter: '1' } } });
    const { outcome, waits } = await check(token);
    expect(expectOk(outcome).pagesShared).toBe(true);
    expect(waits).toEqual([1000, 1000]);
    expect(emulator.requests(token).map((r) => r.path)).toEqual(['/v1/users/me', '/v1/users/me', '/v1/users/me', '/v1/search']);
  });

  it('really waits when no sleep is injected (Retry-After "1")', async () => {
    const token = tokenWith({ identity: 'internal', failFirst: { count: 1, failure: { http: 429, retryAfter: '1' } } });
    const started = Date.now();
    expectOk(await checkToken(client, token));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const [first, second] = emulator.requests(token);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    if (first !== undefined && second !== undefined) expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const inMs = 5_000;
    const retryAt = new Date(Date.now() + inMs).toUTCString();
    const token = tokenWith({ identity: 'internal', failFirst: { count: 1, failure: { http: 429, retryAfter: retryAt } } });
    const { outcome, waits } = await check(token);
    expectOk(outcome);
    expect(waits).toHaveLength(1);
    const [wait = Number.NaN] = waits;
    expect(Math.abs(wait - inMs)).toBeLessThanOrEqual(1_500);
  });

  it('429 with an HTTP date already past retries after the one-second minimum', async () => {
    const token = tokenWith({ identity: 'internal', failFirst: { count: 1, failure: { http: 429, retryAfter: new Date(Date.now() - 60_000).toUTCString() } } });
    const { outcome, waits } = await check(token);
    expectOk(outcome);
    expect(waits).toEqual([1000]);
  });

  it('never sends a 4th request to one token within a second, even when Retry-After says 0', async () => {
    const token = tokenWith({ identity: 'internal', failOn: 'search', failFirst: { count: 2, failure: { http: 429, retryAfter: '0' } } });
    expectOk(await checkToken(client, token));
    const times = emulator.requests(token).map((r) => r.at);
    expect(times).toHaveLength(4); // users/me, then search: 429, 429, ok
    for (let i = 3; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 3] ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('429 with Retry-After 120 → unknown with retryAfterMs 120000, not retried', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 429, retryAfter: '120' } });
    const { outcome, waits } = await check(token);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('rate_limited');
    expect(unknown.retryAfterMs).toBe(120_000);
    expect(unknown.unreachable).toBe(false);
    expectOneLine(unknown.message, token);
    expect(waits).toEqual([]);
    expect(emulator.requests(token)).toHaveLength(1);
  });

  it('a long HTTP-date Retry-After is reported, not waited', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 429, retryAfter: new Date(Date.now() + 600_000).toUTCString() } });
    const { outcome, waits } = await check(token);
    const unknown = expectUnknown(outcome);
    expect(unknown.retryAfterMs).not.toBeNull();
    expect(Math.abs((unknown.retryAfterMs ?? 0) - 600_000)).toBeLessThanOrEqual(1_500);
    expect(waits).toEqual([]);
    expect(emulator.requests(token)).toHaveLength(1);
  });

  it('maxRetryWaitMs decides what is waited inline', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 429, retryAfter: '5' } });
    const { outcome, waits } = await check(token, { maxRetryWaitMs: 4_000 });
    expect(expectUnknown(outcome).retryAfterMs).toBe(5_000);
    expect(waits).toEqual([]);
    expect(emulator.requests(token)).toHaveLength(1);
  });

  it('429 on every attempt → unknown after maxAttempts, with the last Retry-After', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 429, retryAfter: '1' } });
    const { outcome, waits } = await check(token);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('rate_limited');
    expect(unknown.retryAfterMs).toBe(1_000);
    expect(waits).toEqual([1000, 1000]);
    expect(emulator.requests(token)).toHaveLength(3);
  });

  it('maxAttempts 1 never retries', async () => {
    const token = tokenWith({ identity: 'internal', failFirst: { count: 1, failure: { http: 429, retryAfter: '1' } } });
    const { outcome, waits } = await check(token, { maxAttempts: 1 });
    expect(expectUnknown(outcome).retryAfterMs).toBe(1_000);
    expect(waits).toEqual([]);
    expect(emulator.requests(token)).toHaveLength(1);
  });

  it('429 on search after users/me OK is retried too', async () => {
    const token = tokenWith({ identity: 'internal', failOn: 'search', failFirst: { count: 1, failure: { http: 429, retryAfter: '2' } } });
    const { outcome, waits } = await check(token);
    expect(expectOk(outcome).pagesShared).toBe(true);
    expect(waits).toEqual([2000]);
  });

  it('529 service_overload → retried with backoff, then unknown (never unauthorized)', async () => {
    const token = tokenWith({ identity: 'internal', fail: { http: 529 } });
    const { outcome, waits } = await check(token);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('service_overload');
    expect(unknown.unreachable).toBe(false);
    expectOneLine(unknown.message, token);
    expect(waits).toHaveLength(2);
    expect(emulator.requests(token)).toHaveLength(3);
  });

  it('529 with Retry-After honours it', async () => {
    const token = tokenWith({ identity: 'internal', failFirst: { count: 1, failure: { http: 529, retryAfter: '3' } } });
    const { outcome, waits } = await check(token);
    expectOk(outcome);
    expect(waits).toEqual([3000]);
  });

  it('529 once, then OK → ok', async () => {
    const token = tokenWith({ identity: 'pat-person', failFirst: { count: 1, failure: { http: 529 } } });
    const { outcome, waits } = await check(token);
    expectOk(outcome);
    expect(waits).toHaveLength(1);
  });
});

describe('checkToken: server errors are unknown, never unauthorized', () => {
  const cases: [500 | 502 | 503 | 504, string][] = [
    [500, 'internal_server_error'],
    [502, 'bad_gateway'],
    [503, 'service_unavailable'],
    [504, 'gateway_timeout'],
  ];
  for (const [status, code] of cases) {
    it(`${String(status)} → unknown (${code}), not retried`, async () => {
      const token = tokenWith({ identity: 'internal', fail: { http: status } });
      const { outcome, waits } = await check(token);
      const unknown = expectUnknown(outcome);
      expect(unknown.code).toBe(code);
      expect(unknown.unreachable).toBe(false);
      expect(unknown.retryAfterMs).toBeNull();
      expect(unknown.message).toContain(String(status));
      expectOneLine(unknown.message, token);
      expect(waits).toEqual([]);
      expect(emulator.requests(token)).toHaveLength(1);
    });
  }

  it('a revoked token behind a failing proxy is still only unknown (infrastructure answers first)', async () => {
    const token = tokenWith({ identity: 'internal', revoked: true, fail: { http: 502 } });
    expectUnknown((await check(token)).outcome);
  });
});

describe('checkToken: network failures', () => {
  it('a hung request → unknown, code timeout, unreachable', async () => {
    const token = tokenWith({ identity: 'internal', fail: { hang: true } });
    const fast = createNotionClient({ baseUrl: emulator.url, timeoutMs: 300 });
    const started = Date.now();
    const { outcome, waits } = await check(token, {}, fast);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('timeout');
    expect(unknown.unreachable).toBe(true);
    expect(unknown.retryAfterMs).toBeNull();
    expectOneLine(unknown.message, token);
    expect(waits).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_300); // our abort (300 ms), not the SDK's backstop (1300 ms)
  });

  it('search hanging after users/me OK → ok, pagesShared null', async () => {
    const token = tokenWith({ identity: 'internal', failOn: 'search', fail: { hang: true } });
    const fast = createNotionClient({ baseUrl: emulator.url, timeoutMs: 300 });
    const { outcome } = await check(token, {}, fast);
    expect(expectOk(outcome).pagesShared).toBeNull();
  });

  it('connection reset → unknown, code network', async () => {
    const token = tokenWith({ identity: 'internal', fail: { reset: true } });
    const { outcome, waits } = await check(token);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('network');
    expect(unknown.unreachable).toBe(true);
    expectOneLine(unknown.message, token);
    expect(waits).toEqual([]);
  });

  it('malformed (non-JSON) 200 → unknown, code malformed', async () => {
    const token = tokenWith({ identity: 'internal', fail: { malformed: true } });
    const unknown = expectUnknown((await check(token)).outcome);
    expect(unknown.code).toBe('malformed');
    expect(unknown.unreachable).toBe(false);
    expectOneLine(unknown.message, token);
  });

  it('emulator stopped (port closed) → unknown, unreachable', async () => {
    const gone = await startNotionEmulator();
    const token = freshToken();
    gone.setToken(token, { identity: 'internal' });
    const goneClient = createNotionClient({ baseUrl: gone.url, timeoutMs: 2_000 });
    expectOk((await check(token, {}, goneClient)).outcome);
    await gone.stop();
    const { outcome, waits } = await check(token, {}, goneClient);
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('network');
    expect(unknown.unreachable).toBe(true);
    expect(unknown.retryAfterMs).toBeNull();
    expectOneLine(unknown.message, token);
    expect(waits).toEqual([]);
  });

  it('a port nobody listens on (connection refused) → unknown, unreachable', async () => {
    const gone = await startNotionEmulator();
    const url = gone.url;
    await gone.stop();
    const token = freshToken();
    const { outcome } = await check(token, {}, createNotionClient({ baseUrl: url, timeoutMs: 2_000 }));
    const unknown = expectUnknown(outcome);
    expect(unknown.code).toBe('network');
    expect(unknown.unreachable).toBe(true);
    expect(unknown.message).toContain('ECONNREFUSED');
    expectOneLine(unknown.message, token);
  });
});

describe('checkToken: search failing after users/me OK', () => {
  const searchFailures: [string, Failure][] = [
    ['500', { http: 500 }],
    ['503', { http: 503 }],
    ['403', { http: 403 }],
    ['reset', { reset: true }],
    ['malformed', { malformed: true }],
  ];
  for (const [label, failure] of searchFailures) {
    it(`search ${label} → ok with pagesShared null`, async () => {
      const token = tokenWith({ identity: 'internal', failOn: 'search', fail: failure });
      const { outcome } = await check(token);
      const { me, pagesShared } = expectOk(outcome);
      expect(pagesShared).toBeNull();
      expect(me.owner).toBe('workspace');
      expect(emulator.requests(token).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/users/me', 'POST /v1/search']);
    });
  }

  it('search 401 → unauthorized', async () => {
    const token = tokenWith({ identity: 'internal', failOn: 'search', fail: { http: 401 } });
    const { outcome } = await check(token);
    expect(expectUnauthorized(outcome).code).toBe('unauthorized');
    expect(emulator.requests(token).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/users/me', 'POST /v1/search']);
  });

  it('token revoked between users/me and search → unauthorized', async () => {
    const token = tokenWith({ identity: 'internal', delayMs: 200 });
    const pending = check(token);
    // The emulator plans an answer when the request arrives: revoke once users/me has arrived, before search does.
    while (emulator.requests(token).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    emulator.revoke(token);
    expectUnauthorized((await pending).outcome);
  });
});
