import { getVerified, setVerified, type SecretStore } from '../keychain/secret-store';
import { decodePending, encodePair, encodePending, fingerprint, pendingAccount, type StoredToken, type TokenPair } from './token-pair';

/**
 * Replacing an OAuth entry's pair after a refresh. Notion has already retired the old pair, so
 * the new one must not be lost: it is stored aside and read back first, then written over the
 * entry's item and read back, then the aside copy goes. A process killed in between leaves the
 * aside copy, which the next refresh of that entry finds (`recover`) instead of calling Notion.
 */
export class PairStore {
  constructor(private readonly store: SecretStore) {}

  async replace(entryId: string, next: TokenPair, replacing: string): Promise<void> {
    const aside = pendingAccount(entryId);
    await setVerified(this.store, aside, encodePending(next, replacing));
    await setVerified(this.store, entryId, encodePair(next));
    await this.store.delete(aside).catch(() => undefined);
  }

  /**
   * The pair a killed refresh stored aside, if it follows the entry's current access token; it
   * then becomes the entry's item. A leftover that does not follow it (already promoted, or
   * older than a reconnect) is dropped.
   */
  async recover(entryId: string, current: StoredToken): Promise<StoredToken | null> {
    const aside = pendingAccount(entryId);
    const item = await getVerified(this.store, aside);
    if (item === null) return null;
    const pending = decodePending(item);
    if (pending === null || pending.replaces !== fingerprint(current.access)) {
      await this.store.delete(aside);
      return null;
    }
    await setVerified(this.store, entryId, encodePair(pending.pair));
    await this.store.delete(aside).catch(() => undefined);
    return pending.pair;
  }

  /** Drop what a refresh may have left aside (the entry is removed or reconnected). */
  async forget(entryId: string): Promise<void> {
    await this.store.delete(pendingAccount(entryId)).catch(() => undefined);
  }
}
