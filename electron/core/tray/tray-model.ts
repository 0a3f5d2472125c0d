// What the tray shows, as plain data: electron/main turns it into a Tray and a Menu, and
// re-renders only when the model changes (sameModel). No Electron, no I/O, no secrets.
import { isDeepStrictEqual } from 'node:util';
import { forTray } from '../../common/outside-text';
import { DAY_MS, DEFAULT_THRESHOLDS, plural } from '../../common/status';
import type { Entry, Settings } from '../../common/types';
import { byName, byWorst, compareText, entryState, type EntryState, type TrayLevel } from './entry-state';
import { summaryText, tooltipText } from './tray-text';

export type TrayIcon = TrayLevel;

export type TrayAction =
  | { type: 'copy'; entryId: string }
  | { type: 'copy-env'; entryId: string }
  | { type: 'check'; entryId: string }
  | { type: 'details'; entryId: string }
  | { type: 'add' }
  | { type: 'check-all' }
  | { type: 'open' }
  | { type: 'settings' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'label'; label: string } // disabled text: the summary, workspace headers
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction; enabled?: boolean }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] };

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** The header for entries whose workspace is not known; listed last. */
export const OTHER_WORKSPACE = 'Other';

const SEPARATOR: TrayMenuItem = { kind: 'separator' };

/** `lastUsed`: entry id → when its secret last left the vault (access.log), shown in its submenu. */
export function trayModel(entries: readonly Entry[], now: Date, settings?: Settings, lastUsed: ReadonlyMap<string, string> = new Map()): TrayModel {
  const states = entries.map((entry) => entryState(entry, now, settings?.thresholdsDays ?? DEFAULT_THRESHOLDS));
  const hasEntries = states.length > 0;
  return {
    icon: worstLevel(states),
    tooltip: tooltipText([...states].sort(byWorst)),
    menu: [
      { kind: 'label', label: summaryText(states) },
      SEPARATOR,
      ...workspaceItems(states, (id) => lastUsed.get(id) ?? null, now),
      ...(hasEntries ? [SEPARATOR] : []),
      { kind: 'action', label: 'Add token…', action: { type: 'add' } },
      { kind: 'action', label: 'Check all now', action: { type: 'check-all' }, enabled: hasEntries },
      // Explicit Open: a click on the tray icon does nothing on some Linux desktops.
      { kind: 'action', label: 'Open vault…', action: { type: 'open' } },
      { kind: 'action', label: 'Settings…', action: { type: 'settings' } },
      SEPARATOR,
      { kind: 'action', label: 'Quit', action: { type: 'quit' } },
    ],
  };
}

/** Deep equality of two models, so the binding rebuilds the native menu only on change. */
export function sameModel(a: TrayModel, b: TrayModel): boolean {
  return isDeepStrictEqual(a, b);
}

function worstLevel(states: readonly EntryState[]): TrayIcon {
  if (states.some((s) => s.level === 'error')) return 'error';
  return states.some((s) => s.level === 'attention') ? 'attention' : 'ok';
}

/** Workspaces by name, "Other" last, a separator between them; entries by name within each. */
function workspaceItems(states: readonly EntryState[], usedAt: (id: string) => string | null, now: Date): TrayMenuItem[] {
  const groups = new Map<string, EntryState[]>();
  for (const state of states) {
    // A header is a workspace name as Notion sent it: one line, nothing unsafe, capped.
    const header = forTray(state.entry.workspaceName ?? '').trim() || OTHER_WORKSPACE;
    groups.set(header, [...(groups.get(header) ?? []), state]);
  }
  const headers = [...groups.keys()].sort(
    (a, b) => Number(a === OTHER_WORKSPACE) - Number(b === OTHER_WORKSPACE) || compareText(a, b),
  );
  return headers.flatMap((header, i) => [
    ...(i > 0 ? [SEPARATOR] : []),
    { kind: 'label', label: header } as const,
    ...[...(groups.get(header) ?? [])].sort(byName).map((state) => entrySubmenu(state, usedAt(state.entry.id), now)),
  ]);
}

/** By the day: a menu whose text changed every minute would be rebuilt on every refresh (sameModel). */
function usedText(usedAt: string | null, now: Date): string {
  if (usedAt === null) return 'Never used';
  const days = Math.floor((now.getTime() - Date.parse(usedAt)) / DAY_MS);
  return days < 1 ? 'Used in the last 24 hours' : `Last used ${plural(days, 'day')} ago`;
}

function entrySubmenu({ entry, label }: EntryState, usedAt: string | null, now: Date): TrayMenuItem {
  const entryId = entry.id;
  return {
    kind: 'submenu',
    label,
    items: [
      { kind: 'label', label: usedText(usedAt, now) },
      { kind: 'action', label: 'Copy token', action: { type: 'copy', entryId } },
      { kind: 'action', label: 'Copy as NOTION_TOKEN=…', action: { type: 'copy-env', entryId } },
      { kind: 'action', label: 'Check now', action: { type: 'check', entryId } },
      { kind: 'action', label: 'Details…', action: { type: 'details', entryId } },
    ],
  };
}
