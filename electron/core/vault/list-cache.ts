import type { BigIntStats } from 'node:fs';
import { stringifySafe } from '../../common/outside-text';
import type { Entry } from '../../common/types';
import { isKind, isStatus, isStoredDate } from './vault-schema';

// What `notion-vault list` shows of each entry, kept beside vault.json by every write as
// `vault.json.list-cache`: a bare list of 100,000 entries reads 12 MB of rows instead of parsing
// 65 MB of entries (npm run bench). vault.json stays the one record: the cache names the
// vault.json it was made from by its stat stamp (device, inode, size, modification and change
// times, in nanoseconds, as git's index does), and is used only while vault.json still has that
// stamp. Any other write (an older build, a hand edit, a restore: a change time cannot be set
// back) makes it stale, and list reads vault.json itself. It is a cache: never durable (no
// fsync), rebuilt by the next write, safe to delete, and whatever in it is malformed is ignored.

export const LIST_CACHE_FILE = 'vault.json.list-cache';
const VERSION = 1;

/** The fields of an entry that list's table shows or needs. */
export type ListRow = Pick<Entry, 'id' | 'name' | 'kind' | 'workspaceName' | 'status' | 'createdAt' | 'expiresAt' | 'lastUsedAt'>;

/** By workspace, then name, as localeCompare orders them: list's order, and status's. */
export function listOrder(a: Pick<Entry, 'workspaceName' | 'name'>, b: Pick<Entry, 'workspaceName' | 'name'>): number {
  // Most pairs share a workspace, whose name JSON.parse made one string: equal at once, without the collator.
  const workspaceA = a.workspaceName ?? '';
  const workspaceB = b.workspaceName ?? '';
  return (workspaceA === workspaceB ? 0 : workspaceA.localeCompare(workspaceB)) || a.name.localeCompare(b.name);
}

/** The rows of `entries`, in list order. */
export function listRows(entries: readonly Entry[]): ListRow[] {
  return entries.map(rowOf).sort(listOrder);
}

/**
 * The cache's rows of `entries`, as JSON: made before vault.json's stamp is known (while its fsync
 * is on the disk), put into the cache's text by listCacheText. Rows go in by UTF-16 code units
 * (workspace, then name), not by the collator: its first use in a process costs ~15 ms, a writer's
 * whole sort of 10,000 rows ~20 ms, and the order is the reader's to decide (its locale). Names
 * mostly sort the same both ways, so the reader's sort finds them nearly in order.
 */
export function listCacheRows(entries: readonly Entry[]): string {
  // Arrays, not objects: a key per field would double what list parses.
  const cells = entries.map(rowOf).sort(byCodeUnits).map((r) => [r.id, r.name, r.kind, r.workspaceName, r.status, r.createdAt, r.expiresAt, r.lastUsedAt]);
  return stringifySafe(cells); // as vault.json: no raw bidi or zero-width character
}

/** The cache's text: `rows` (listCacheRows) for vault.json as `stamp` names it. */
export const listCacheText = (rows: string, stamp: string): string => `{"version":${String(VERSION)},"of":${JSON.stringify(stamp)},"rows":${rows}}`;

function byCodeUnits(a: ListRow, b: ListRow): number {
  const workspaceA = a.workspaceName ?? '';
  const workspaceB = b.workspaceName ?? '';
  if (workspaceA !== workspaceB) return workspaceA < workspaceB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const rowOf = (e: ListRow): ListRow => ({
  id: e.id, name: e.name, kind: e.kind, workspaceName: e.workspaceName, status: e.status,
  createdAt: e.createdAt, expiresAt: e.expiresAt, lastUsedAt: e.lastUsedAt ?? null,
});

/** Which vault.json a cache was made from: what a write of it changes, nanoseconds included. */
export function statStamp(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/** The rows the cache holds, in its order, if it was made from vault.json as `stamp` names it and is well-formed; null otherwise. */
export function parseListCache(text: string, stamp: string): ListRow[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { version, of, rows } = json as Record<string, unknown>;
  if (version !== VERSION || of !== stamp || !Array.isArray(rows)) return null;
  const out = new Array<ListRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = toRow(rows[i]);
    if (row === null) return null;
    out[i] = row;
  }
  return out;
}

function toRow(cells: unknown): ListRow | null {
  if (!Array.isArray(cells) || cells.length !== 8) return null;
  const [id, name, kind, workspaceName, status, createdAt, expiresAt, lastUsedAt] = cells as unknown[];
  const ok = typeof id === 'string' && id !== '' && typeof name === 'string' && name !== '' && isKind(kind)
    && (workspaceName === null || typeof workspaceName === 'string') && isStatus(status) && isStoredDate(createdAt)
    && (expiresAt === null || isStoredDate(expiresAt)) && (lastUsedAt === null || isStoredDate(lastUsedAt));
  return ok ? { id, name, kind, workspaceName, status, createdAt, expiresAt, lastUsedAt } : null;
}
