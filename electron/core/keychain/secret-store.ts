import { keychainError } from '../errors';

// The keychain seen by the rest of the core. Only the keytar binding talks to the OS;
// unit tests use an in-memory double, integration tests the real keychain.

export interface SecretStore {
  /** The secret, or null if none is stored (or the keychain is locked: see `probe`). */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True if something was deleted. */
  delete(account: string): Promise<boolean>;
  /**
   * Write, read back and delete a sentinel. A locked keychain answers reads with null,
   * so a null read is only taken as "no token" after a passing probe.
   * Throws a keychain VaultError (exit 3) with a platform-specific fix.
   */
  probe(): Promise<void>;
}

/** `get` that never mistakes a locked keychain for a missing secret. */
export async function getVerified(store: SecretStore, account: string): Promise<string | null> {
  const secret = await store.get(account);
  if (secret !== null) return secret;
  await store.probe();
  return store.get(account);
}

/**
 * `set`, then read back: a keychain that did not keep it (locked, full) is an error, and nothing is
 * left half-set. `keep` leaves whatever the account holds after such a failure instead of deleting
 * it: for an item that may still hold the only working copy (an OAuth pair Notion already rotated).
 */
export async function setVerified(store: SecretStore, account: string, secret: string, { keep = false }: { keep?: boolean } = {}): Promise<void> {
  await store.set(account, secret);
  if ((await store.get(account)) !== secret) {
    if (!keep) await store.delete(account).catch(() => undefined);
    throw keychainError('The keychain did not keep the token (read back failed): unlock the keychain and try again.');
  }
}
