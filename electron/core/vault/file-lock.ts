import { randomUUID } from '../lazy-crypto';
import { EXIT, VaultError, errnoCode } from '../errors';
import { assertPlainOwnFile, openPrivate } from './data-folder';
import { close, fsPromises, fstat, read } from './fs-calls';

// A lock file shared by the app and the CLI. It names its owner's pid, so a lock left by a
// process that died (kill -9, a crash) is broken at once instead of after a stale timeout.
// (mtime-based lockers such as proper-lockfile make the next command wait out the timeout.)

export interface LockOptions {
  /** How long to wait for another process before giving up. */
  timeoutMs?: number;
  /** A lock this old is broken even if its pid looks alive (pid reuse). */
  maxAgeMs?: number;
}

export type Release = () => Promise<void>;

export async function acquireLock(path: string, { timeoutMs = 15_000, maxAgeMs = 120_000 }: LockOptions = {}): Promise<Release> {
  const mine = `${String(process.pid)} ${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(path, mine)) return () => releaseIfMine(path, mine);
    const held = await readOwner(path);
    if (held !== null && (await isStale(path, held, maxAgeMs))) {
      await breakLock(path, held);
      continue;
    }
    if (Date.now() > deadline) {
      throw new VaultError(`Another notion-vault process has held the vault lock for ${String(Math.round(timeoutMs / 1000))} s: let it finish, or delete ${path} if no other process is running.`, EXIT.usage);
    }
    await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) * (0.5 + Math.random()));
  }
}

async function tryCreate(path: string, owner: string): Promise<boolean> {
  // Write the owner to a private file first, then link it into place: the lock file
  // appears complete or not at all, so nobody reads a half-written owner.
  const { link, open, unlink } = fsPromises();
  const temp = `${path}.${randomUUID()}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(owner);
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Owners are a pid and a UUID: anything longer was not written by a lock. */
const OWNER_MAX = 200;

async function readOwner(path: string): Promise<string | null> {
  // Never follows a link planted at the lock's name nor blocks on a FIFO there: both are refused.
  const fd = await openPrivate(path);
  if (fd === null) return null;
  try {
    assertPlainOwnFile(path, await fstat(fd));
    const buffer = Buffer.alloc(OWNER_MAX);
    return buffer.toString('utf8', 0, await read(fd, buffer, 0, OWNER_MAX, 0));
  } finally {
    await close(fd);
  }
}

async function isStale(path: string, owner: string, maxAgeMs: number): Promise<boolean> {
  const pid = Number(owner.split(' ')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return true;
  const info = await fsPromises().lstat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > maxAgeMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

async function breakLock(path: string, staleOwner: string): Promise<void> {
  // Move the lock aside before judging it, so two processes breaking the same stale lock
  // cannot remove a fresh one that a third process took in between.
  const { link, rename, unlink } = fsPromises();
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readOwner(aside)) !== staleOwner) {
    // We moved a live lock: put it back unless someone has locked since.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function releaseIfMine(path: string, mine: string): Promise<void> {
  if ((await readOwner(path)) === mine) await fsPromises().unlink(path).catch(() => undefined);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
