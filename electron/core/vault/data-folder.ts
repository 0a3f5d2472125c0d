import type { BigIntStats, Stats } from 'node:fs';
import { EXIT, VaultError, errnoCode } from '../errors';
import { chmod, close, constants, fchmod, fstatBig, lstat, mkdir, open, read, readText, stat } from './fs-calls';

// The data folder is trusted only while it is the person's own: anything in it that another
// user owns, a link at a name the vault uses, or a FIFO (whose open would block) is refused
// with one line, never followed or read. Loose modes are tightened, and said so once.

/** Owners and modes mean nothing on Windows (ACLs); there, only links and file types are checked. */
const POSIX = process.platform !== 'win32';
/** A flag of open(2), 0 where the platform has none (Windows has neither O_NOFOLLOW nor O_NONBLOCK). */
export const openFlag = (name: 'O_NOFOLLOW' | 'O_NONBLOCK'): number => (constants as Partial<Record<string, number>>)[name] ?? 0;
const OPEN_PRIVATE = constants.O_RDONLY | openFlag('O_NOFOLLOW') | openFlag('O_NONBLOCK');
const STICKY = 0o1000;

export interface FolderState {
  /** The folder's permission bits as found; 0o700 once tightened. */
  mode: number;
}

/**
 * Check the data folder (lstat: a link to it must be the person's own too) and create it 0700
 * when `create` is set. Null when it does not exist and is not created. Throws a one-line VaultError.
 */
export async function checkFolder(dir: string, create: boolean): Promise<FolderState | null> {
  try {
    let info = await lstat(dir).catch((error: unknown) => {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (info === null) {
      if (!create) return null;
      await mkdir(dir, 0o700);
      await chmod(dir, 0o700); // an odd umask (0277) would leave it unwritable
      info = await lstat(dir);
    }
    if (info.isSymbolicLink()) {
      // A dotfile manager may link the folder: fine while the link and its target are both the person's.
      assertOwn(dir, info, 'a link that belongs to another user');
      info = await stat(dir);
    }
    if (!info.isDirectory()) throw new VaultError(`Cannot use ${dir}: it is not a folder; set NOTION_VAULT_HOME to a folder.`, EXIT.usage);
    assertOwn(dir, info, 'a folder that belongs to another user');
    if (POSIX && (info.mode & STICKY) !== 0) {
      throw new VaultError(`Cannot use ${dir}: it is a shared folder (mode ${octal(info.mode & 0o7777)}, like /tmp), where others can add files; set NOTION_VAULT_HOME to a folder of your own.`, EXIT.usage);
    }
    return { mode: info.mode & 0o777 };
  } catch (error) {
    throw asVaultError(error, dir);
  }
}

export type PrivateRead = { kind: 'text'; text: string; mode: number } | { kind: 'too-large'; size: number; mode: number };

/**
 * Read a file of the data folder that only the person may own: no link followed, no FIFO or
 * device opened for long, nothing over `maxBytes` read. A loose mode is tightened to 0600 (the
 * returned mode is the one found). Null when there is no file.
 */
export function readPrivateFile(path: string, maxBytes: number): Promise<PrivateRead | null> {
  return usePrivateFile(path, async (fd, info, mode) => {
    const size = Number(info.size);
    if (size > maxBytes) return { kind: 'too-large', size, mode };
    return { kind: 'text', text: await readWhole(fd, size), mode };
  });
}

/**
 * What readPrivateFile checks and tightens, without the read: the mode as found and the file's
 * stat (nanosecond times) for a cache to be matched against. Null when there is no file.
 */
export function statPrivateFile(path: string): Promise<{ mode: number; info: BigIntStats } | null> {
  return usePrivateFile(path, (_fd, info, mode) => Promise.resolve({ mode, info }));
}

/**
 * Open a file of the data folder without following a link or waiting on a FIFO, refuse anything
 * but a regular file of the person's own, tighten a loose mode to 0600, and give `use` the
 * descriptor, the stat (taken again after a chmod, which changes the change time) and the mode
 * as found. Null when there is no file.
 */
async function usePrivateFile<T>(path: string, use: (fd: number, info: BigIntStats, mode: number) => Promise<T>): Promise<T | null> {
  const fd = await openPrivate(path);
  if (fd === null) return null;
  try {
    const found = await fstatBig(fd);
    assertPlainOwnFile(path, found);
    const mode = Number(found.mode) & 0o777;
    const loose = POSIX && (mode & 0o077) !== 0;
    if (loose) await fchmod(fd, 0o600);
    return await use(fd, loose ? await fstatBig(fd) : found, mode);
  } catch (error) {
    throw asVaultError(error, path);
  } finally {
    await close(fd);
  }
}

/**
 * The file as text, read into one buffer of the size stat gave and decoded once: readFile's
 * chunks and their decoding cost a big vault.json (100,000 entries) ~0.1 s more, and leave a
 * string JSON.parse must flatten first. A file that grew meanwhile is read again whole.
 */
async function readWhole(fd: number, size: number): Promise<string> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const bytesRead = await read(fd, buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  // Positioned reads leave the descriptor at the start, where readText begins.
  if (filled === size && (await read(fd, Buffer.alloc(1), 0, 1, size)) > 0) return readText(fd);
  return buffer.toString('utf8', 0, filled);
}

/** Open for reading without following a link or waiting on a FIFO; null when absent. A descriptor: close it (fs-calls.ts). */
export async function openPrivate(path: string): Promise<number | null> {
  try {
    // Windows has no O_NOFOLLOW: look first (a link swapped in afterwards needs the folder's owner).
    if (!POSIX && (await lstat(path)).isSymbolicLink()) throw linkError(path);
    return await open(path, OPEN_PRIVATE);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw asVaultError(error, path);
  }
}

/** A regular file, owned by the person: anything else at a name the vault uses is refused. */
export function assertPlainOwnFile(path: string, info: Stats | BigIntStats): void {
  if (info.isSymbolicLink()) throw linkError(path);
  if (!info.isFile()) {
    throw new VaultError(`Cannot use ${path}: it is not a regular file (${kindOf(info)}); move it away and try again.`, EXIT.usage);
  }
  assertOwn(path, info, 'a file that belongs to another user');
}

function assertOwn(path: string, info: Stats | BigIntStats, what: string): void {
  const me = process.getuid?.();
  if (!POSIX || me === undefined || Number(info.uid) === me) return;
  throw new VaultError(`Cannot use ${path}: it is ${what} (uid ${String(info.uid)}), who could change what the vault reads; set NOTION_VAULT_HOME to a folder of your own, or chown it back if it is yours.`, EXIT.usage);
}

/** The one line said when the folder or vault.json was open to other users (after they were tightened). */
export function looseNotice(dir: string, folderMode: number | null, file: string, fileMode: number | null): string | null {
  if (!POSIX) return null;
  const loose: string[] = [];
  if (folderMode !== null && (folderMode & 0o077) !== 0) loose.push(`${dir} was mode ${octal(folderMode)} (now 700)`);
  if (fileMode !== null && (fileMode & 0o077) !== 0) loose.push(`${file} was mode ${octal(fileMode)} (now 600)`);
  if (loose.length === 0) return null;
  return `${loose.join(' and ')}: other users could read or change them, so they were tightened; if others use this machine, check notion-vault list for entries you did not add.`;
}

export const linkError = (path: string): VaultError =>
  new VaultError(`Cannot use ${path}: it is a symbolic link, which the vault never follows; move it away (check who put it there) and try again.`, EXIT.usage);

function kindOf(info: Stats | BigIntStats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}

const octal = (mode: number): string => mode.toString(8);

function asVaultError(error: unknown, path: string): VaultError {
  if (error instanceof VaultError) return error;
  // O_NOFOLLOW on a link: ELOOP (Linux, macOS), EMLINK (FreeBSD).
  if (errnoCode(error) === 'ELOOP' || errnoCode(error) === 'EMLINK') return linkError(path);
  return fileError(error, path);
}

export function fileError(error: unknown, path: string): VaultError {
  const code = errnoCode(error);
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied: check the owner and mode of the folder'
    : code === 'ENOSPC' ? 'the disk is full: free some space'
    : code === 'EFBIG' ? 'the file is larger than this system allows (ulimit -f): raise the limit'
    : code === 'EROFS' ? 'the file system is read-only: set NOTION_VAULT_HOME to a writable folder'
    : code === 'ENOTDIR' ? 'a path component is not a folder: set NOTION_VAULT_HOME to a folder'
    : `${code ?? (error instanceof Error ? error.message : String(error))}: check the folder or set NOTION_VAULT_HOME`;
  return new VaultError(`Cannot use ${path}: ${why}.`, EXIT.usage);
}
