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
    // From here the aside copy is the sure one: a write of the item that does not read back must
    // not delete the item (keep: whatever it holds stays), and the aside pair stays for `recover`.
    await setVerified(this.store, entryId, encodePair(next), { keep: true });
    await this.store.delete(aside).catch(() => undefined);
  }

  /** The pair stored aside, read only: what the entry uses while its own item is missing. */
  async pending(entryId: string): Promise<StoredToken | null> {
    const item = await getVerified(this.store, pendingAccount(entryId));
    return item === null ? null : (decodePending(item)?.pair ?? null);
  }

  /**
   * The pair a killed refresh stored aside, if it follows the entry's current access token; it
   * then becomes the entry's item. A leftover that does not follow it (already promoted, or
   * older than a reconnect) is dropped; one that IS the current pair (the entry's item went
   * missing, and `current` came from here) is first put back as the entry's item.
   */
  async recover(entryId: string, current: StoredToken): Promise<StoredToken | null> {
    const aside = pendingAccount(entryId);
    const item = await getVerified(this.store, aside);
    if (item === null) return null;
    const pending = decodePending(item);
    if (pending !== null && pending.replaces === fingerprint(current.access)) {
      await setVerified(this.store, entryId, encodePair(pending.pair), { keep: true });
      await this.store.delete(aside).catch(() => undefined);
      return pending.pair;
    }
    if (pending !== null && pending.pair.access === current.access) {
      const own = encodePair(pending.pair);
      if ((await this.store.get(entryId)) !== own) await setVerified(this.store, entryId, own, { keep: true });
    }
    await this.store.delete(aside);
    return null;
  }

  /** Drop what a refresh may have left aside (the entry is removed or reconnected). */
  async forget(entryId: string): Promise<void> {
    await this.store.delete(pendingAccount(entryId)).catch(() => undefined);
  }
}
