// "Last used" from the access log (electron/core/handout/access-log.ts), on a real data folder: the
// app asks it on every tray and window refresh, so both files are read again only when one changed.

import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAccessLog } from '../../electron/core/handout/access-log';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { entryFixture } from '../support/entry-fixture';

function logIn(): { log: ReturnType<typeof openAccessLog>; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'notion-vault-last-used-'));
  const log = openAccessLog({ file: openVaultFile({ dir }), onNotice: () => undefined });
  return { log, path: log.path };
}

const entry = entryFixture({ id: 'e1', lastUsedAt: null });
const handOut = { entryId: 'e1', name: 'acme', action: 'get' as const, program: 'sh', pid: 1 };

describe('lastUsed', () => {
  it('follows every hand-out: an append or a rotation is read', async () => {
    const { log } = logIn();
    expect((await log.lastUsed([entry])).get('e1')).toBeUndefined();
    await log.record(handOut, new Date('2026-05-01T10:00:00.000Z'));
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-01T10:00:00.000Z');
    await log.record(handOut, new Date('2026-05-02T10:00:00.000Z'));
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-02T10:00:00.000Z');
  });

  it('does not read the files again while neither changed', async () => {
    const { log, path } = logIn();
    await log.record(handOut, new Date('2026-05-01T10:00:00.000Z'));
    const written = new Date('2026-05-01T10:00:01.000Z'); // a whole second: set again exactly below
    utimesSync(path, written, written);
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-01T10:00:00.000Z');
    // The same length, the same file and modification time: only a read of the file would see the new date.
    writeFileSync(path, readFileSync(path, 'utf8').replace('2026-05-01', '2026-09-09'));
    utimesSync(path, written, written);
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-01T10:00:00.000Z');
    // The answer is a copy: what a caller does with it does not change the next one.
    (await log.lastUsed([entry])).set('e1', 'changed');
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-01T10:00:00.000Z');
  });

  it('a later use carried into vault.json (rotation) wins over an older line', async () => {
    const { log } = logIn();
    await log.record(handOut, new Date('2026-05-01T10:00:00.000Z'));
    expect((await log.lastUsed([{ ...entry, lastUsedAt: '2026-06-01T00:00:00.000Z' }])).get('e1')).toBe('2026-06-01T00:00:00.000Z');
    expect((await log.lastUsed([entry])).get('e1')).toBe('2026-05-01T10:00:00.000Z');
  });
});
