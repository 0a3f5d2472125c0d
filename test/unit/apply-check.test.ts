import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, type Entry, type HistoryItem } from '../../electron/common/types';
import { applyCheck } from '../../electron/core/check/apply-check';
import type { CheckOutcome } from '../../electron/core/check/check-token';
import type { Me } from '../../electron/core/check/read-me';
import { entryFixture } from '../support/entry-fixture';

const ADDED = '2026-01-01T00:00:00.000Z';
const EARLIER_OK = '2026-02-01T00:00:00.000Z';
const AT = new Date('2026-03-01T12:00:00.000Z');
const AT_ISO = AT.toISOString();

function entry(patch: Partial<Entry> = {}): Entry {
  return entryFixture({
    name: 'acme-bot',
    createdAt: ADDED,
    addedAt: ADDED,
    lastCheckedAt: EARLIER_OK,
    lastOkAt: EARLIER_OK,
    lastDecided: { status: 'valid', at: EARLIER_OK },
    warned: [7],
    ...patch,
  });
}

const botMe = (patch: Partial<Me> = {}): Me => ({
  identity: { type: 'bot', id: 'bot-1', name: 'Vault Bot' },
  owner: 'workspace',
  workspaceId: 'ws-acme',
  workspaceName: 'Acme',
  ...patch,
});

const personMe = (patch: Partial<Me> = {}): Me => ({
  identity: { type: 'person', id: 'person-1', name: 'Ada' },
  owner: 'person',
  workspaceId: null,
  workspaceName: null,
  ...patch,
});

const ok = (me: Me, pagesShared: boolean | null = true): CheckOutcome => ({ result: 'ok', me, pagesShared });
const unauthorized: CheckOutcome = { result: 'unauthorized', code: 'unauthorized', message: 'Notion says the token is invalid: rotate it.' };
const unknown: CheckOutcome = { result: 'unknown', code: 'service_unavailable', message: 'Notion answered 503: later.', unreachable: false, retryAfterMs: null };

describe('applyCheck: ok', () => {
  it('sets valid, lastOkAt, lastCheckedAt, lastDecided, identity and pagesShared; clears lastError', () => {
    const before = entry({
      status: 'unknown',
      identity: null,
      pagesShared: null,
      lastError: { code: 'timeout', message: 'slow', at: EARLIER_OK },
    });
    const { entry: after, drift } = applyCheck(before, ok(botMe(), false), AT);
    expect(drift).toBeNull();
    expect(after).toEqual({
      ...before,
      status: 'valid',
      lastCheckedAt: AT_ISO,
      lastOkAt: AT_ISO,
      lastError: null,
      lastDecided: { status: 'valid', at: AT_ISO },
      identity: { type: 'bot', id: 'bot-1', name: 'Vault Bot' },
      pagesShared: false,
      history: [{ at: AT_ISO, event: 'checked', status: 'valid', message: null }],
    });
  });

  it('takes the workspace from the answer when the entry had none', () => {
    const { entry: after, drift } = applyCheck(entry({ workspaceId: null, workspaceName: null, identity: null }), ok(botMe()), AT);
    expect(after.workspaceId).toBe('ws-acme');
    expect(after.workspaceName).toBe('Acme');
    expect(drift).toBeNull();
  });

  it('keeps the last known pagesShared when search was undecided', () => {
    expect(applyCheck(entry({ pagesShared: false }), ok(botMe(), null), AT).entry.pagesShared).toBe(false);
    expect(applyCheck(entry({ pagesShared: true }), ok(botMe(), null), AT).entry.pagesShared).toBe(true);
  });

  it('keeps the user-given workspace for a person answer', () => {
    const pat = entry({ kind: 'pat', workspaceId: null, workspaceName: 'My Team', identity: null, expiresAt: '2027-01-01T00:00:00.000Z' });
    const { entry: after, drift } = applyCheck(pat, ok(personMe()), AT);
    expect(after.workspaceName).toBe('My Team');
    expect(after.workspaceId).toBeNull();
    expect(after.identity).toEqual({ type: 'person', id: 'person-1', name: 'Ada' });
    expect(after.status).toBe('valid');
    expect(drift).toBeNull();
  });

  it('keeps a known workspace id for a person answer, without reporting drift', () => {
    const pat = entry({ kind: 'pat', identity: { type: 'person', id: 'person-1', name: 'Ada' } });
    const { entry: after, drift } = applyCheck(pat, ok(personMe()), AT);
    expect(after.workspaceId).toBe('ws-acme');
    expect(after.workspaceName).toBe('Acme');
    expect(drift).toBeNull();
  });

  it('keeps the stored workspace name when Notion answers workspace_name null', () => {
    const { entry: after, drift } = applyCheck(entry(), ok(botMe({ workspaceName: null })), AT);
    expect(after.workspaceId).toBe('ws-acme');
    expect(after.workspaceName).toBe('Acme');
    expect(drift).toBeNull();
  });

  it('does not touch warnings, expiry or names', () => {
    const before = entry({ kind: 'pat', expiresAt: '2027-01-01T00:00:00.000Z', warned: [30, 14] });
    const { entry: after } = applyCheck(before, ok(botMe({ owner: 'user' })), AT);
    expect(after.warned).toEqual([30, 14]);
    expect(after.expiresAt).toBe('2027-01-01T00:00:00.000Z');
    expect(after.name).toBe(before.name);
    expect(after.id).toBe(before.id);
    expect(after.kind).toBe('pat');
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.addedAt).toBe(before.addedAt);
  });

  it('reports workspace drift, naming both workspaces, and records the new one', () => {
    const { entry: after, drift } = applyCheck(entry(), ok(botMe({ workspaceId: 'ws-globex', workspaceName: 'Globex' })), AT);
    expect(drift).not.toBeNull();
    expect(drift).toContain('acme-bot');
    expect(drift).toContain('Globex');
    expect(drift).toContain('Acme');
    expect(drift).not.toMatch(/[\r\n]/);
    expect(after.workspaceId).toBe('ws-globex');
    expect(after.workspaceName).toBe('Globex');
    expect(after.status).toBe('valid');
  });

  it('names the workspace by id when Notion gives no name', () => {
    const { drift } = applyCheck(entry({ workspaceName: null }), ok(botMe({ workspaceId: 'ws-globex', workspaceName: null })), AT);
    expect(drift).toContain('ws-globex');
    expect(drift).toContain('ws-acme');
  });

  it('reports identity drift when another bot answers in the same workspace', () => {
    const { entry: after, drift } = applyCheck(entry(), ok(botMe({ identity: { type: 'bot', id: 'bot-2', name: 'Other' } })), AT);
    expect(drift).not.toBeNull();
    expect(drift).toContain('acme-bot');
    expect(drift).toMatch(/another bot/);
    expect(drift).not.toMatch(/[\r\n]/);
    expect(after.identity).toEqual({ type: 'bot', id: 'bot-2', name: 'Other' });
  });

  it('reports identity drift for a PAT that now answers as another person', () => {
    const pat = entry({ kind: 'pat', workspaceId: null, identity: { type: 'person', id: 'person-1', name: 'Ada' } });
    const { drift } = applyCheck(pat, ok(personMe({ identity: { type: 'person', id: 'person-2', name: 'Grace' } })), AT);
    expect(drift).toMatch(/another person/);
  });

  it('no drift on the first check, nor when the same identity answers', () => {
    expect(applyCheck(entry({ identity: null }), ok(botMe()), AT).drift).toBeNull();
    expect(applyCheck(entry(), ok(botMe({ identity: { type: 'bot', id: 'bot-1', name: 'Renamed Bot' } })), AT).drift).toBeNull();
  });

  it('a valid check after an invalid one makes it valid again', () => {
    const before = entry({ status: 'invalid', lastDecided: { status: 'invalid', at: EARLIER_OK }, lastError: { code: 'unauthorized', message: 'x', at: EARLIER_OK } });
    const { entry: after } = applyCheck(before, ok(botMe()), AT);
    expect(after.status).toBe('valid');
    expect(after.lastDecided).toEqual({ status: 'valid', at: AT_ISO });
    expect(after.lastError).toBeNull();
  });

  it('does not mutate the entry it was given', () => {
    const before = entry();
    const copy = structuredClone(before);
    applyCheck(before, ok(botMe({ workspaceId: 'ws-globex' })), AT);
    applyCheck(before, unauthorized, AT);
    applyCheck(before, unknown, AT);
    expect(before).toEqual(copy);
  });
});

describe('applyCheck: unauthorized', () => {
  it('makes the entry invalid with lastError and lastDecided invalid; keeps lastOkAt and identity', () => {
    const before = entry();
    const { entry: after, drift } = applyCheck(before, unauthorized, AT);
    expect(drift).toBeNull();
    expect(after).toEqual({
      ...before,
      status: 'invalid',
      lastCheckedAt: AT_ISO,
      lastError: { code: 'unauthorized', message: 'Notion says the token is invalid: rotate it.', at: AT_ISO },
      lastDecided: { status: 'invalid', at: AT_ISO },
      history: [{ at: AT_ISO, event: 'checked', status: 'invalid', message: 'Notion says the token is invalid: rotate it.' }],
    });
    expect(after.lastOkAt).toBe(EARLIER_OK);
  });
});

describe('applyCheck: unknown', () => {
  it('status unknown with lastError; keeps lastDecided, lastOkAt, identity and pagesShared', () => {
    const before = entry();
    const { entry: after, drift } = applyCheck(before, unknown, AT);
    expect(drift).toBeNull();
    expect(after).toEqual({
      ...before,
      status: 'unknown',
      lastCheckedAt: AT_ISO,
      lastError: { code: 'service_unavailable', message: 'Notion answered 503: later.', at: AT_ISO },
      history: [{ at: AT_ISO, event: 'checked', status: 'unknown', message: 'Notion answered 503: later.' }],
    });
    expect(after.lastDecided).toEqual({ status: 'valid', at: EARLIER_OK });
    expect(after.lastOkAt).toBe(EARLIER_OK);
  });

  it('keeps a last decided invalid through transient failures', () => {
    const before = entry({ status: 'invalid', lastDecided: { status: 'invalid', at: EARLIER_OK } });
    const { entry: after } = applyCheck(before, { result: 'unknown', code: 'timeout', message: 'slow', unreachable: true, retryAfterMs: null }, AT);
    expect(after.status).toBe('unknown');
    expect(after.lastDecided).toEqual({ status: 'invalid', at: EARLIER_OK });
  });

  it('rate limited: same, whatever the Retry-After', () => {
    const { entry: after } = applyCheck(entry(), { result: 'unknown', code: 'rate_limited', message: 'later', unreachable: false, retryAfterMs: 120_000 }, AT);
    expect(after.status).toBe('unknown');
    expect(after.lastError?.code).toBe('rate_limited');
    expect(after.lastDecided?.status).toBe('valid');
  });
});

describe('applyCheck: history', () => {
  const item = (status: HistoryItem['status'], message: string | null = null, at = EARLIER_OK): HistoryItem => ({ at, event: 'checked', status, message });

  it('adds an item only when the verdict or its reason changes', () => {
    const valid = entry({ history: [item('valid')] });
    expect(applyCheck(valid, ok(botMe()), AT).entry.history).toEqual([item('valid')]);
    const failing = applyCheck(valid, unknown, AT).entry;
    expect(failing.history).toEqual([item('valid'), item('unknown', 'Notion answered 503: later.', AT_ISO)]);
    expect(applyCheck(failing, unknown, new Date('2026-03-02T00:00:00Z')).entry.history).toHaveLength(2);
    const other = { ...unknown, message: 'Notion could not be reached.' };
    expect(applyCheck(failing, other, AT).entry.history).toHaveLength(3);
  });

  it('keeps the newest HISTORY_LIMIT items', () => {
    let current = entry({ history: [] });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) current = applyCheck(current, i % 2 === 0 ? unauthorized : ok(botMe()), new Date(AT.getTime() + i * 60_000)).entry;
    expect(current.history).toHaveLength(HISTORY_LIMIT);
    expect(current.history.at(-1)?.at).toBe(new Date(AT.getTime() + (HISTORY_LIMIT + 4) * 60_000).toISOString());
  });
});

describe('applyCheck: what a failure stores is bounded and redacted, whoever built it', () => {
  const token = 'ntn_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm';

  it('a token or Authorization value in the code or message never reaches lastError or the history', () => {
    for (const outcome of [
      { result: 'unknown', code: `echo:Bearer ${token}`, message: `Notion answered 502 (echo:Bearer ${token})`, unreachable: false, retryAfterMs: null },
      { result: 'unauthorized', code: 'unauthorized', message: `refused\nAuthorization: Basic ${Buffer.from(`id:${token}`).toString('base64')}` },
    ] satisfies CheckOutcome[]) {
      const { entry: after } = applyCheck(entry(), outcome, AT);
      const stored = JSON.stringify(after);
      expect(stored).not.toContain(token.slice(4, 30));
      expect(stored).not.toContain(Buffer.from(`id:${token}`).toString('base64').slice(0, 20));
      expect(after.lastError?.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(after.lastError?.message).not.toMatch(/[\r\n]/);
      expect(after.history.at(-1)?.message).toBe(after.lastError?.message);
    }
  });

  it('a 5 MB code or message is stored in a few hundred characters', () => {
    const { entry: after } = applyCheck(entry(), { result: 'unknown', code: 'x'.repeat(5_000_000), message: 'y'.repeat(5_000_000), unreachable: false, retryAfterMs: null }, AT);
    expect(after.lastError?.code).toBe('unexpected_answer');
    expect(after.lastError?.message.length).toBeLessThanOrEqual(300);
    expect(after.lastError?.message.endsWith('…')).toBe(true);
    expect(JSON.stringify(after).length).toBeLessThan(2_000);
  });
});
