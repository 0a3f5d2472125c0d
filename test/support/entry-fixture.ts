import type { Entry } from '../../electron/common/types';

const AT = '2026-01-01T00:00:00.000Z';

/** A complete, valid entry (an internal secret checked at AT) with the fields a test cares about changed. */
export function entryFixture(patch: Partial<Entry> = {}): Entry {
  return {
    id: 'e1',
    name: 'acme',
    kind: 'internal',
    workspaceId: 'ws-acme',
    workspaceName: 'Acme',
    identity: { type: 'bot', id: 'bot-1', name: 'Vault Bot' },
    createdAt: AT,
    expiresAt: null,
    addedAt: AT,
    status: 'valid',
    lastCheckedAt: AT,
    lastOkAt: AT,
    lastError: null,
    lastDecided: { status: 'valid', at: AT },
    pagesShared: true,
    warned: [],
    nextCheckAt: null,
    failStreak: 0,
    history: [],
    ...patch,
  };
}
