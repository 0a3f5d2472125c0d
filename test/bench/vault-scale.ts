import { randomUUID } from 'node:crypto';
import type { Entry } from '../../electron/common/types';
import { createKeytarStore } from '../../electron/core/keychain/keytar-store';
import { loadFingerprintKey } from '../../electron/core/vault/secret-fingerprint';
import { fingerprintFor, keepFingerprints } from '../../electron/core/vault/secret-holder';
import type { StoredFingerprint } from '../../electron/core/vault/vault-schema';
import { openVaultFile } from '../../electron/core/vault/vault-file';

// Big vaults for `npm run bench`: `add` with 10,000 stored entries and `list` with 100,000.
// vault.json is written in-process, as this build writes it (with fingerprints for `add`). The
// entries' secrets are not put in the keychain: gnome-keyring rewrites its whole file on every
// write (27 s for 1,000 items here), and an `add` reads none of them (test/unit/vault-duplicates.test.ts
// counts its keychain calls), so the bench measures notion-vault, not filling the keyring.

const AT = '2026-01-01T00:00:00.000Z';
const WORKSPACES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'];

/** An entry as `add` leaves it after a passing check. */
export function storedEntry(i: number): Entry {
  const pat = i % 2 === 0;
  return {
    id: randomUUID(), name: `token-${String(i)}`, kind: pat ? 'pat' : 'internal',
    workspaceId: `ws-${String(i % WORKSPACES.length)}`, workspaceName: WORKSPACES[i % WORKSPACES.length] ?? null,
    identity: { type: 'bot', id: `bot-${String(i)}`, name: 'Bench Bot' },
    createdAt: AT, expiresAt: pat ? '2027-01-01T00:00:00.000Z' : null, addedAt: AT,
    status: 'valid', lastCheckedAt: AT, lastOkAt: AT, lastError: null, lastDecided: { status: 'valid', at: AT },
    pagesShared: true, warned: [], nextCheckAt: '2026-01-01T06:00:00.000Z', failStreak: 0,
    history: [{ at: AT, event: 'added', status: 'valid', message: null }],
  };
}

/** A vault of `count` entries, each with the fingerprint of a made-up secret under the vault's real key. */
export async function writeFingerprintedVault(home: string, service: string, count: number, token: () => string): Promise<void> {
  const key = await loadFingerprintKey(createKeytarStore({ service }), { create: true });
  if (key === null) throw new Error('the fingerprint key could not be made');
  const entries = Array.from({ length: count }, (_, i) => storedEntry(i));
  const prints = new Map<string, StoredFingerprint | null>(entries.map((e) => [e.id, fingerprintFor(key, e, { access: token(), refresh: null })]));
  await openVaultFile({ dir: home }).update((doc) => {
    doc.entries = entries;
    keepFingerprints(doc, prints);
  });
}

/** A vault of `count` entries (metadata only: `list` never reads the keychain). */
export async function writeVault(home: string, count: number): Promise<void> {
  await openVaultFile({ dir: home }).update((doc) => {
    doc.entries = Array.from({ length: count }, (_, i) => storedEntry(i));
  });
}
