// A check that finds another workspace names both: a 2 MB or escape-laden name is quoted short
// and escaped, so the message keeps its fix and no face gets a control character.

import { describe, expect, it } from 'vitest';
import { applyCheck } from '../../electron/core/check/apply-check';
import { entryFixture } from '../support/entry-fixture';
import { firstRawControl, HUGE_NAME, OSC_NAME } from '../support/hostile-text';

describe('drift with hostile workspace names', () => {
  it('quotes both names escaped and short, and keeps the fix', () => {
    const before = entryFixture({ name: 'acme-bot', workspaceName: OSC_NAME });
    const me = { identity: { type: 'bot' as const, id: 'bot-1', name: 'Vault Bot' }, owner: 'workspace' as const, workspaceId: 'ws-other', workspaceName: HUGE_NAME };
    const { drift } = applyCheck(before, { result: 'ok', me, pagesShared: true }, new Date('2026-03-01T12:00:00.000Z'));
    expect(drift).not.toBeNull();
    expect(firstRawControl(drift ?? '')).toBeNull();
    expect(drift).toContain('Acme\\x1b]52;c;');
    expect(drift).toMatch(/the keychain item may have been replaced\.$/);
    expect(drift?.length).toBeLessThan(300);
  });
});
