import type { BigIntStats } from 'node:fs';
import { randomUUID } from '../lazy-crypto';
import { join } from 'node:path';
import { stringifySafe } from '../../common/outside-text';
import { VaultError, EXIT } from '../errors';
import { removeLeftovers, writeFileExclusive } from './atomic-write';
import { checkFolder, fileError, looseNotice, readPrivateFile, statPrivateFile } from './data-folder';
import { acquireLock, type LockOptions } from './file-lock';
import { chmod, fsPromises, lstatBig } from './fs-calls';
import { LIST_CACHE_FILE, listCacheRows, listCacheText, listOrder, listRows, parseListCache, statStamp, type ListRow } from './list-cache';
import { emptyVault, parseVault, versionFor, type VaultDoc } from './vault-schema';

export const VAULT_FILE = 'vault.json';
/** Far above any real vault (an entry with a full history is a few kB): a larger file is not one, and is never read whole. */
export const MAX_VAULT_BYTES = 256 * 2 ** 20;

export interface VaultFileOptions {
  dir: string;
  /** Told when something needs a person's attention but is not an error (a corrupt file moved aside). */
  onNotice?: (message: string) => void;
  lock?: LockOptions;
  clock?: () => Date;
}

/** vault.json: non-secret metadata, written atomically and one process at a time. */
export interface VaultFile {
  readonly path: string;
  read(): Promise<VaultDoc>;
  /** What list's table shows of every entry, in list order: from the list cache while it describes vault.json (list-cache.ts), else from vault.json. */
  listRows(): Promise<ListRow[]>;
  /**
   * Lock, read, let `change` edit the document, write it back atomically, unlock. `change` may hand
   * `beforeWrite` work still going on (a keychain write): the document is serialized meanwhile, and
   * written only once that work has succeeded; if it fails, nothing is written and update throws its error.
   */
  update<T>(change: (doc: VaultDoc, beforeWrite: (work: Promise<unknown>) => void) => T | Promise<T>): Promise<T>;
  /**
   * Run `work` while holding a lock of its own beside vault.json (`vault.json.<key>.lock`), the
   * same cross-process kind as the vault lock: for work on one entry that must not block every
   * other writer while it waits on the network (an OAuth refresh).
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function openVaultFile({ dir, onNotice = () => undefined, lock, clock = () => new Date() }: VaultFileOptions): VaultFile {
  const path = join(dir, VAULT_FILE);
  const lockPath = `${path}.lock`;
  const cachePath = join(dir, LIST_CACHE_FILE);

  async function load(underLock: boolean): Promise<VaultDoc> {
    const folder = await checkFolder(dir, false);
    if (folder === null) return emptyVault();
    const file = await readPrivateFile(path, MAX_VAULT_BYTES);
    await tighten(folder.mode, file?.mode ?? null);
    if (file === null) return emptyVault();
    const parsed = file.kind === 'too-large' ? { ok: false as const, problem: `it is larger than ${String(MAX_VAULT_BYTES / 2 ** 20)} MB` } : parseVault(file.text);
    if (parsed.ok) return parsed.doc;
    if ('newer' in parsed) {
      throw new VaultError(`${path} was written by a newer Notion Token Vault (schema ${String(parsed.newer)}): update notion-vault.`, EXIT.usage);
    }
    if (!underLock) return withLock(() => load(true));
    // The random tail keeps two corrupt copies from one instant apart: rename() would replace the first.
    const aside = `${path}.corrupt-${clock().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    await fsPromises().rename(path, aside);
    onNotice(`${path} was unreadable (${parsed.problem}); moved it to ${aside} and started an empty vault. Your secrets are still in the keychain.`);
    return emptyVault();
  }

  /** Said once per process: a file system without modes (FAT) would otherwise say it on every read. */
  let toldLoose = false;
  async function tighten(folderMode: number, fileMode: number | null): Promise<void> {
    const notice = looseNotice(dir, folderMode, path, fileMode);
    if (notice === null) return;
    // readPrivateFile has tightened vault.json through its open handle already.
    if ((folderMode & 0o077) !== 0) await chmod(dir, 0o700).catch((error: unknown) => { throw fileError(error, dir); });
    if (!toldLoose) onNotice(notice);
    toldLoose = true;
  }

  async function withLock<T>(work: () => Promise<T>, at: string = lockPath): Promise<T> {
    await checkFolder(dir, true);
    const release = await acquireLock(at, lock).catch((error: unknown) => {
      throw error instanceof VaultError ? error : fileError(error, at);
    });
    try {
      return await work();
    } finally {
      await release();
    }
  }

  async function cachedRows(): Promise<ListRow[]> {
    const folder = await checkFolder(dir, false);
    const file = folder === null ? null : await statPrivateFile(path);
    if (folder !== null && file !== null) {
      await tighten(folder.mode, file.mode);
      const cache = await readPrivateFile(cachePath, MAX_VAULT_BYTES).catch(() => null); // a link or a FIFO there is only not used
      const rows = cache?.kind === 'text' ? parseListCache(cache.text, statStamp(file.info)) : null;
      // In this process's locale (list-cache.ts): rows already in order cost one comparison each.
      if (rows !== null) return rows.sort(listOrder);
    }
    return listRows((await load(false)).entries);
  }

  /** The cache (`rows`: listCacheRows) for the vault.json this writer just renamed into place (`written`), unless another replaced it meanwhile. */
  async function writeCache(rows: string, written: BigIntStats): Promise<void> {
    try {
      const info = await lstatBig(path);
      if (info.dev !== written.dev || info.ino !== written.ino) return; // not ours: its stamp leaves the old cache unused
      await writeFileExclusive(cachePath, listCacheText(rows, statStamp(info)), 0o600, { durable: false });
    } catch {
      // A cache that cannot be written costs only list's speed: the stale one names another vault.json.
    }
  }

  async function update<T>(change: (doc: VaultDoc, beforeWrite: (work: Promise<unknown>) => void) => T | Promise<T>): Promise<T> {
    return withLock(async () => {
      // From a writer killed mid-save: every writer holds this lock.
      await removeLeftovers(dir, [VAULT_FILE, LIST_CACHE_FILE]);
      const doc = await load(true);
      const pending: Promise<unknown>[] = [];
      let result: T;
      try {
        result = await change(doc, (work) => {
          work.catch(() => undefined); // waited for below, whatever happens first
          pending.push(work);
        });
      } catch (error) {
        await Promise.allSettled(pending); // the caller's cleanup sees where that work got to
        throw error;
      }
      doc.schemaVersion = versionFor(doc);
      // Names as Notion sent them, but no raw bidi or zero-width character for whoever opens the file.
      // Compact (`jq . vault.json` shows it indented): a third smaller than indented, so every
      // read and write of a big vault is faster (100,000 entries: 65 MB instead of 95 MB).
      const text = `${stringifySafe(doc)}\n`;
      for (const outcome of await Promise.allSettled(pending)) if (outcome.status === 'rejected') throw outcome.reason;
      const cache: { rows: string | null } = { rows: null };
      const makeRows = (): void => {
        try {
          cache.rows = listCacheRows(doc.entries);
        } catch {
          // Only the cache is lost: the write goes on.
        }
      };
      let written: BigIntStats;
      try {
        written = await writeFileExclusive(path, text, 0o600, { whileSyncing: makeRows });
      } catch (error) {
        throw fileError(error, path);
      }
      if (cache.rows !== null) await writeCache(cache.rows, written);
      return result;
    });
  }

  return {
    path,
    read: () => load(false),
    listRows: cachedRows,
    exclusive: (key, work) => {
      if (!/^[\w.-]+$/.test(key)) throw new Error(`lock key "${key}" is not a plain file name part`);
      return withLock(work, `${path}.${key}.lock`);
    },
    update,
  };
}
