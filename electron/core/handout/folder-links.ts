import { isAbsolute, relative } from 'node:path';
import type { Entry, FolderLink } from '../../common/types';
import { usageError } from '../errors';
import { findIn } from '../vault/vault';
import type { VaultFile } from '../vault/vault-file';
import type { VaultDoc } from '../vault/vault-schema';

// `notion-vault link NAME` binds a folder and everything below it to an entry, like Doppler's and
// Infisical's per-folder setup: run, export, get and inject then need no NAME there. The links
// live in vault.json (one vault per person), keyed by the folder's real path.

/** Which entry applies, and why: what `status` says and what the commands without a NAME use. */
export type Choice =
  | { entry: Entry; why: 'named' | 'only' }
  | { entry: Entry; why: 'linked'; folder: string };

/** The folder the command runs in, as links record it (links and `..` resolved). node:fs as vault/fs-calls.ts explains. */
export const currentFolder = (): string => process.getBuiltinModule('node:fs').realpathSync.native(process.cwd());

/** The link of `folder` or of its nearest linked parent. */
export function nearestLink(links: readonly FolderLink[], folder: string): FolderLink | null {
  let best: FolderLink | null = null;
  for (const link of links) {
    const inside = relative(link.path, folder);
    if (inside.startsWith('..') || isAbsolute(inside)) continue;
    if (best === null || link.path.length > best.path.length) best = link;
  }
  return best;
}

/** The entry named, else the folder's nearest link, else the only entry; else a usage error that lists the choices. */
export function chooseEntry(doc: VaultDoc, name: string | null, folder: string): Choice {
  if (name !== null) return { entry: findIn(doc, name), why: 'named' };
  const link = nearestLink(doc.links ?? [], folder);
  if (link !== null) {
    const entry = doc.entries.find((e) => e.id === link.entryId);
    if (!entry) throw usageError(`${link.path} is linked to a token that was removed: link another (notion-vault link NAME) or run notion-vault unlink there.`);
    return { entry, why: 'linked', folder: link.path };
  }
  const [only, ...others] = doc.entries;
  if (only !== undefined && others.length === 0) return { entry: only, why: 'only' };
  throw usageError(only === undefined ? 'No tokens stored yet: add one with notion-vault add.' : `Say which token (${namesOf(doc.entries)}), or bind this folder to one: notion-vault link NAME.`);
}

/** "a, b, c" or "a, b, c and 7 more": the list in an error stays one short line. */
function namesOf(entries: readonly Entry[]): string {
  const shown = entries.slice(0, 8).map((e) => e.name).sort();
  return entries.length > shown.length ? `${shown.join(', ')} and ${String(entries.length - shown.length)} more` : shown.join(', ');
}

/** Bind `folder` to the entry named; replaces the folder's own link. */
export function linkFolder(file: VaultFile, name: string, folder: string, at: Date): Promise<Entry> {
  return file.update((doc) => {
    const entry = findIn(doc, name);
    doc.links = [...(doc.links ?? []).filter((l) => l.path !== folder), { path: folder, entryId: entry.id, at: at.toISOString() }];
    return entry;
  });
}

/** Remove `folder`'s own link. A usage error when it has none (naming the parent whose link applies, if one does). */
export function unlinkFolder(file: VaultFile, folder: string): Promise<FolderLink> {
  return file.update((doc) => {
    const links = doc.links ?? [];
    const own = links.find((l) => l.path === folder);
    if (own === undefined) {
      const parent = nearestLink(links, folder);
      throw usageError(parent === null ? `${folder} is not linked to a token.` : `${folder} has no link of its own; it uses the link of ${parent.path}: run notion-vault unlink there.`);
    }
    doc.links = links.filter((l) => l !== own);
    return own;
  });
}
