import { forTray } from '../../common/outside-text';
import { plural } from '../../common/status';
import type { EntryState } from './entry-state';

/** Windows cuts tray tooltips at 128 UTF-16 units, the terminating NUL included (NOTIFYICONDATA.szTip). */
export const TOOLTIP_MAX = 127;
const PREFIX = 'Notion Token Vault: ';
/** A long name must not crowd the others out of the tooltip. */
const NAME_MAX = 32;

/** One line saying why the icon looks the way it does; `worstFirst` is every entry, sorted by `byWorst`. */
export function tooltipText(worstFirst: readonly EntryState[]): string {
  const troubled = worstFirst.filter((s) => s.problem !== null);
  const count = worstFirst.length;
  if (count === 0) return `${PREFIX}no tokens yet`;
  const [first] = troubled;
  if (first === undefined) return `${PREFIX}${count === 1 ? '1 token OK' : `all ${String(count)} tokens OK`}`;
  if (troubled.length === 1) {
    const problem = ` ${first.problem ?? ''}`;
    return `${PREFIX}${clip(shown(first), TOOLTIP_MAX - PREFIX.length - problem.length)}${problem}`;
  }
  const head = `${PREFIX}${String(troubled.length)} tokens need attention`;
  const named = troubled.map((s) => `${clip(shown(s), NAME_MAX)} ${s.problem ?? ''}`);
  // As many of the worst as fit, then "+N more".
  for (let shown = named.length; shown > 0; shown--) {
    const more = shown < named.length ? [`+${String(named.length - shown)} more`] : [];
    const text = `${head} (${[...named.slice(0, shown), ...more].join(', ')})`;
    if (text.length <= TOOLTIP_MAX) return text;
  }
  return clip(head, TOOLTIP_MAX);
}

/** The menu's first line: "5 tokens · all OK", "5 tokens · 2 need attention". */
export function summaryText(states: readonly EntryState[]): string {
  if (states.length === 0) return 'No tokens yet';
  const troubled = states.filter((s) => s.problem !== null).length;
  const tokens = plural(states.length, 'token');
  if (troubled === 0) return `${tokens} · ${states.length === 1 ? 'OK' : 'all OK'}`;
  return `${tokens} · ${String(troubled)} ${troubled === 1 ? 'needs' : 'need'} attention`;
}

/** An entry's name as the tray shows it (names come from a file anyone may edit): one clean line. */
const shown = (state: EntryState): string => forTray(state.entry.name, TOOLTIP_MAX);

/** At most `max` UTF-16 units, ending in "…" when cut, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
