import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { VaultError, EXIT, errnoCode } from '../errors';
import { acquireLock, type LockOptions } from './file-lock';
import { emptyVault, parseVault, versionFor, type VaultDoc } from './vault-schema';

export const VAULT_FILE = 'vault.json';

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
  /** Lock, read, let `change` edit the document, write it back atomically, unlock. */
  update<T>(change: (doc: VaultDoc) => T | Promise<T>): Promise<T>;
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

  async function load(underLock: boolean): Promise<VaultDoc> {
    const text = await readText(path);
    if (text === null) return emptyVault();
    const parsed = parseVault(text);
    if (parsed.ok) return parsed.doc;
    if ('newer' in parsed) {
      throw new VaultError(`${path} was written by a newer Notion Token Vault (schema ${String(parsed.newer)}): update notion-vault.`, EXIT.usage);
    }
    if (!underLock) return withLock(() => load(true));
    // The random tail keeps two corrupt copies from one instant apart: rename() would replace the first.
    const aside = `${path}.corrupt-${clock().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    await rename(path, aside);
    onNotice(`${path} was unreadable (${parsed.problem}); moved it to ${aside} and started an empty vault. Your secrets are still in the keychain.`);
    return emptyVault();
  }

  async function withLock<T>(work: () => Promise<T>, at: string = lockPath): Promise<T> {
    await ensureDir(dir);
    const release = await acquireLock(at, lock).catch((error: unknown) => {
      throw error instanceof VaultError ? error : fileError(error, at);
    });
    try {
      return await work();
    } finally {
      await release();
    }
  }

  return {
    path,
    read: () => load(false),
    exclusive: (key, work) => {
      if (!/^[\w.-]+$/.test(key)) throw new Error(`lock key "${key}" is not a plain file name part`);
      return withLock(work, `${path}.${key}.lock`);
    },
    update: (change) =>
      withLock(async () => {
        const doc = await load(true);
        const result = await change(doc);
        doc.schemaVersion = versionFor(doc);
        try {
          // Loaded here, not at the top: read-only commands such as `get` never need it.
          const { default: writeFileAtomic } = await import('write-file-atomic');
          await writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
          await syncDir(dir);
        } catch (error) {
          throw fileError(error, path);
        }
        return result;
      }),
  };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw fileError(error, path);
  }
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (error) {
    throw fileError(error, dir);
  }
}

// The rename is durable only once the directory entry is on disk.
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function fileError(error: unknown, path: string): VaultError {
  const code = errnoCode(error);
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied: check the owner and mode of the folder'
    : code === 'ENOSPC' ? 'the disk is full: free some space'
    : code === 'EROFS' ? 'the file system is read-only: set NOTION_VAULT_HOME to a writable folder'
    : code === 'ENOTDIR' ? 'a path component is not a folder: set NOTION_VAULT_HOME to a folder'
    : `${code ?? (error instanceof Error ? error.message : String(error))}: check the folder or set NOTION_VAULT_HOME`;
  return new VaultError(`Cannot use ${path}: ${why}.`, EXIT.usage);
}
