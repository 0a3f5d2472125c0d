import type { BigIntStats } from 'node:fs';
import { randomUUID } from '../lazy-crypto';
import { basename, dirname, join } from 'node:path';
import { openFlag } from './data-folder';
import { constants, fsPromises } from './fs-calls';

// write-file-atomic names its temp file from its own path and the pid, opens it without O_EXCL
// and resolves links first: a link planted at that name got the file written through it and
// then renamed into place. Here the temp name is random and created exclusively (O_EXCL never
// follows a link), and rename() replaces a link at `path` instead of writing through it.

const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | openFlag('O_NOFOLLOW');

export interface WriteOptions {
  /** false skips both fsyncs: for a cache, which a crash may lose. */
  durable?: boolean;
  /** Work of the caller's own (CPU, no I/O) to do while the disk syncs the file, instead of after. */
  whileSyncing?: () => void;
}

/**
 * Replace `path` with `data` all at once, durable on return: a fresh temp file, fsync, rename,
 * fsync of the folder. Returns the written file's stat, taken before the rename (its device and
 * inode stay).
 */
export async function writeFileExclusive(path: string, data: string, mode = 0o600, { durable = true, whileSyncing }: WriteOptions = {}): Promise<BigIntStats> {
  const { open, rename, unlink } = fsPromises();
  const temp = join(dirname(path), `${basename(path)}.${randomUUID()}.tmp`);
  const handle = await open(temp, CREATE_NEW, mode);
  let written: BigIntStats;
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(mode); // the umask may have taken bits the file needs (0400 under umask 277)
      const syncing = durable ? handle.sync() : Promise.resolve();
      whileSyncing?.();
      await syncing;
      written = await handle.stat({ bigint: true });
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await syncDir(dirname(path));
  return written;
}

/**
 * Remove temp files a killed writer of `files` (names in `dir`) left behind, with one read of the
 * folder. Only for callers that hold the lock every writer of them takes: then no temp file there
 * can be a live one.
 */
export async function removeLeftovers(dir: string, files: readonly string[]): Promise<void> {
  const prefixes = files.map((file) => `${file}.`);
  const { readdir, unlink } = fsPromises();
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    // Every prefix is tried: `vault.json.` is also the start of `vault.json.list-cache.`.
    if (prefixes.some((p) => name.startsWith(p) && LEFTOVER.test(name.slice(p.length)))) await unlink(join(dir, name)).catch(() => undefined);
  }
}
const LEFTOVER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

// The rename is durable only once the directory entry is on disk.
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsPromises().open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
