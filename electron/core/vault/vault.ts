import { randomUUID } from '../lazy-crypto';
import { nameProblem, suggestName } from '../../common/names';
import type { Entry, Settings, TokenKind } from '../../common/types';
import { keychainError, usageError, type VaultError } from '../errors';
import { getVerified, setVerified, type SecretStore } from '../keychain/secret-store';
import { IntegrationRegistry } from '../oauth/integrations';
import { PairStore } from '../oauth/pair-store';
import { decodeItem, type StoredToken } from '../oauth/token-pair';
import { loadFingerprintKey } from './secret-fingerprint';
import { findHolder, fingerprintFor, keepFingerprints } from './secret-holder';
import type { VaultFile } from './vault-file';
import { settingsOf, settingsProblem, type StoredFingerprint, type VaultDoc } from './vault-schema';

/** What is known about a token before it is stored; the vault adds id, name and bookkeeping. */
export type NewEntry = Omit<Entry, 'id' | 'name' | 'addedAt'> & { name: string | null };

/**
 * The vault: secrets in the keychain (account = entry id), everything else in vault.json.
 * Every change happens under the vault lock, so the app and the CLI can both write.
 */
export class Vault {
  /** Public integrations for OAuth connect (their client secrets are keychain items too). */
  readonly integrations: IntegrationRegistry;
  /** OAuth pairs replaced after a refresh. */
  readonly pairs: PairStore;

  constructor(
    private readonly file: VaultFile,
    private readonly store: SecretStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.integrations = new IntegrationRegistry(file, store, clock);
    this.pairs = new PairStore(store);
  }

  async entries(): Promise<Entry[]> {
    return (await this.file.read()).entries;
  }

  async find(name: string): Promise<Entry> {
    return findIn(await this.file.read(), name);
  }

  /** The token to use with Notion: for an OAuth pair, its access token. */
  async secret(entry: Entry): Promise<string> {
    return (await this.token(entry)).access;
  }

  /**
   * The entry's keychain item read as tokens: the access token, and the refresh token of a connected OAuth entry.
   * If the item is missing but a refresh stored its new pair aside (its write of the item did not read back),
   * that pair is the entry's: it is used (read only; the next refresh puts it back in the item).
   */
  async token(entry: Entry): Promise<StoredToken> {
    const item = await getVerified(this.store, entry.id);
    const token = item === null ? await this.pairs.pending(entry.id) : decodeItem(item);
    if (item === null && token === null) throw missingItem(entry);
    if (token === null) throw keychainError(`The keychain item of "${entry.name}" is damaged: connect it again (notion-vault connect), or remove it and add the token again.`);
    return token;
  }

  /** Run `work` as the only process working on this entry's OAuth pair (refresh, reconnect, revoke). */
  exclusive<T>(entryId: string, work: () => Promise<T>): Promise<T> {
    return this.file.exclusive(`oauth-${entryId}`, work);
  }

  private async item(entry: Entry): Promise<string> {
    const item = await getVerified(this.store, entry.id);
    if (item === null) throw missingItem(entry);
    return item;
  }

  /**
   * Stores the secret, reads it back, then records the entry. Returns the stored entry. `probed`:
   * the keychain probe if the caller started it (else it is made here), waited for before any
   * secret is read or written.
   */
  async add(input: NewEntry, secret: string, probed?: Promise<void>): Promise<Entry> {
    if (input.name !== null) assertName(input.name);
    const stored: { id: string | null } = { id: null };
    try {
      return await this.file.update(async (doc, beforeWrite) => {
        await (probed ?? this.store.probe());
        const taken = new Set(doc.entries.map((e) => e.name));
        if (input.name !== null && taken.has(input.name)) throw usageError(`A token named "${input.name}" already exists: pick another name, or rotate the existing one.`);
        const { holder: same, fingerprints } = await this.holderOf(doc, secret);
        if (same) throw usageError(`This token is already stored as "${same.name}".`);
        const entry: Entry = { ...input, id: randomUUID(), name: input.name ?? suggestName(input.workspaceName, input.kind, taken), addedAt: this.clock().toISOString() };
        // The keychain write goes on while vault.json is made; the file is written once it read back.
        beforeWrite(this.storeVerified(entry.id, secret).then(() => {
          stored.id = entry.id;
        }));
        doc.entries.push(entry);
        keepFingerprints(doc, fingerprints(entry));
        return entry;
      });
    } catch (error) {
      // vault.json could not be written: do not leave the secret behind without its entry.
      if (stored.id !== null) await this.store.delete(stored.id).catch(() => undefined);
      throw error;
    }
  }

  async rename(oldName: string, newName: string): Promise<Entry> {
    assertName(newName);
    return this.file.update((doc) => {
      const entry = findIn(doc, oldName);
      if (oldName !== newName && doc.entries.some((e) => e.name === newName)) throw usageError(`A token named "${newName}" already exists: pick another name.`);
      entry.name = newName;
      return { ...entry };
    });
  }

  /**
   * Forget the entry first, then its secret: a crash in between leaves an unused keychain item, never an entry without its secret.
   * Runs as the only process working on the entry's OAuth pair, so a refresh cannot store a pair after it;
   * `beforeForget` (revoking in Notion) runs there too, and nothing is removed if it throws.
   */
  async remove(name: string, beforeForget?: (entry: Entry) => Promise<void>): Promise<Entry> {
    const { id } = await this.find(name);
    return this.exclusive(id, async () => {
      if (beforeForget) await beforeForget(await this.findById(id));
      const removed = await this.file.update((doc) => {
        const entry = doc.entries.find((e) => e.id === id);
        if (!entry) throw entryGone();
        doc.entries = doc.entries.filter((e) => e.id !== id);
        return entry;
      });
      await this.store.delete(removed.id);
      await this.pairs.forget(removed.id);
      return removed;
    });
  }

  /**
   * Replace an entry's secret. The new one is stored aside and read back before the old one
   * is overwritten; if the overwrite does not read back, the old secret is put back.
   */
  async rotate(name: string, secret: string, change: (entry: Entry) => Entry): Promise<Entry> {
    const swapped: Swapped = { id: null, old: '' };
    try {
      return await this.swap(name, secret, change, swapped);
    } catch (error) {
      // vault.json could not record the rotation: put the old secret back so both still agree.
      if (swapped.id !== null) await this.storeVerified(swapped.id, swapped.old).catch(() => undefined);
      throw error;
    }
  }

  private async swap(name: string, secret: string, change: (entry: Entry) => Entry, swapped: Swapped): Promise<Entry> {
    return this.file.update(async (doc) => {
      const entry = findIn(doc, name);
      const { holder: same, fingerprints } = await this.holderOf(doc, secret);
      if (same) throw usageError(same.id === entry.id ? `That is the token "${name}" already holds: paste the new one.` : `This token is already stored as "${same.name}".`);
      const old = await this.item(entry); // the whole item: an OAuth pair must come back whole
      const staging = `${entry.id}.rotating`;
      await this.storeVerified(staging, secret);
      try {
        await this.storeVerified(entry.id, secret);
        swapped.id = entry.id;
        swapped.old = old;
      } catch (error) {
        await this.store.set(entry.id, old).catch(() => undefined);
        throw error;
      } finally {
        await this.store.delete(staging).catch(() => undefined);
      }
      const next = change(entry);
      if (next.name !== entry.name && doc.entries.some((e) => e.id !== entry.id && e.name === next.name)) throw usageError(`A token named "${next.name}" already exists: pick another name.`);
      doc.entries = doc.entries.map((e) => (e.id === entry.id ? next : e));
      keepFingerprints(doc, fingerprints(next));
      return next;
    });
  }

  /** Apply a change to an entry by id, if it still exists (it may have been removed meanwhile). */
  async updateEntry(id: string, change: (entry: Entry) => Entry): Promise<Entry | null> {
    return this.file.update((doc) => {
      const index = doc.entries.findIndex((e) => e.id === id);
      const current = doc.entries[index];
      if (current === undefined) return null;
      const next = change(current);
      doc.entries[index] = next;
      return next;
    });
  }

  /** Entries and settings as one consistent read. */
  async snapshot(): Promise<{ entries: Entry[]; settings: Settings }> {
    const doc = await this.file.read();
    return { entries: doc.entries, settings: settingsOf(doc) };
  }

  async settings(): Promise<Settings> {
    return settingsOf(await this.file.read());
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const problem = settingsProblem(patch);
    if (problem !== null) throw usageError(problem);
    return this.file.update((doc) => {
      doc.settings = { ...doc.settings, ...patch };
      return settingsOf(doc);
    });
  }

  async findById(id: string): Promise<Entry> {
    const entry = (await this.file.read()).entries.find((e) => e.id === id);
    if (!entry) throw entryGone();
    return entry;
  }

  /** Replace the list of entries in one write (an entry removed meanwhile stays removed). Returns the new list. */
  async updateEntries(change: (entries: Entry[]) => Entry[]): Promise<Entry[]> {
    return this.file.update((doc) => {
      doc.entries = change(doc.entries);
      return doc.entries;
    });
  }

  /**
   * The entry that already holds this secret (or one of an OAuth pair's tokens), if any. Read only:
   * it never makes the fingerprint key, so before the first add of this build it reads every secret.
   */
  async holder(secret: string): Promise<Entry | undefined> {
    const doc = await this.file.read();
    return (await findHolder(doc, this.store, await loadFingerprintKey(this.store, { create: false }), secret)).holder;
  }

  /**
   * Under the vault lock: the entry holding `secret`, and the fingerprints to write with the
   * document: those learned by reading, and the one of `secret` for the entry that now holds it.
   */
  private async holderOf(doc: VaultDoc, secret: string): Promise<{ holder: Entry | undefined; fingerprints: (holder: Entry) => Map<string, StoredFingerprint | null> }> {
    const key = await loadFingerprintKey(this.store, { create: true });
    const { holder, learned } = await findHolder(doc, this.store, key, secret);
    const token = decodeItem(secret);
    return {
      holder,
      fingerprints: (entry) => new Map([...learned, [entry.id, key === null || token === null ? null : fingerprintFor(key, entry, token)]]),
    };
  }

  private storeVerified(account: string, secret: string): Promise<void> {
    return setVerified(this.store, account, secret);
  }
}

/** Which keychain item a rotation overwrote, and what it held, until vault.json records it. */
interface Swapped {
  id: string | null;
  old: string;
}

const missingItem = (entry: Entry): VaultError =>
  keychainError(`The keychain has no secret for "${entry.name}" (removed outside notion-vault?): remove the entry and add the token again.`);

/** An entry asked for by id that another process (or window) removed meanwhile. */
export const entryGone = (): VaultError => usageError('That token is no longer in the vault (removed elsewhere?): refresh the list.');

export function findIn(doc: VaultDoc, name: string): Entry {
  const entry = doc.entries.find((e) => e.name === name);
  if (!entry) throw usageError(`No token is named "${name}": see \`notion-vault list\`.`);
  return entry;
}

function assertName(name: string): void {
  const problem = nameProblem(name);
  if (problem !== null) throw usageError(problem);
}

/** "an internal integration secret", "a personal access token". */
export function kindWithArticle(kind: TokenKind): string {
  const label = kindLabel(kind);
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

export function kindLabel(kind: TokenKind): string {
  return kind === 'pat' ? 'personal access token' : kind === 'internal' ? 'internal integration secret' : 'OAuth token';
}
