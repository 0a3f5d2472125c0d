import type { EntrySummary } from '../../electron/common/ipc-contract';
import { KIND_LONG, KIND_SHORT, STATUS_TEXT } from '../lib/format';

export interface WorkspaceGroupData {
  title: string;
  entries: EntrySummary[];
}

const NO_WORKSPACE = 'Workspace not known';
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function searchText(entry: EntrySummary): string {
  return [entry.name, entry.workspaceName ?? NO_WORKSPACE, KIND_SHORT[entry.kind], KIND_LONG[entry.kind], STATUS_TEXT[entry.shownStatus], entry.shownStatus]
    .join(' ')
    .toLowerCase();
}

/** Entries matching every word of the query (name, workspace, kind, status), grouped by workspace, both sorted by name. */
export function groupEntries(entries: readonly EntrySummary[], query: string): WorkspaceGroupData[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter((word) => word !== '');
  const groups = new Map<string, EntrySummary[]>();
  for (const entry of entries) {
    if (words.length > 0) {
      const text = searchText(entry);
      if (!words.every((word) => text.includes(word))) continue;
    }
    const title = entry.workspaceName ?? NO_WORKSPACE;
    const group = groups.get(title);
    if (group) group.push(entry);
    else groups.set(title, [entry]);
  }
  return [...groups]
    .map(([title, list]) => ({ title, entries: list.sort((a, b) => collator.compare(a.name, b.name)) }))
    .sort((a, b) => collator.compare(a.title, b.title));
}
