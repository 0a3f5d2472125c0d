import { forTerminal } from '../../common/outside-text';
import { attentionHint, daysLeft, effectiveStatus, needsAttention, unusedFor, unusedHint } from '../../common/status';
import type { Entry } from '../../common/types';
import { chooseEntry, currentFolder } from '../../core/handout/folder-links';
import { listOrder } from '../../core/vault/list-cache';
import { settingsOf, type VaultDoc } from '../../core/vault/vault-schema';
import { EXIT, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { FIELD_MAX, ago, expiryText, field, tableBytes } from '../format';

/** Entries as stored, with expiry applied to the status; no network, no keychain. */
export async function list(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const now = ctx.clock();
  if (flags.json) {
    const entries = sorted(await ctx.vault.entries());
    const used = await ctx.accessLog.lastUsed(entries);
    ctx.json({ entries: entries.map((e) => ({ ...e, status: effectiveStatus(e, now), lastUsedAt: used.get(e.id) ?? null })) });
    return EXIT.ok;
  }
  // The table shows a few fields of each entry: the list cache holds just those (list-cache.ts).
  const entries = await ctx.file.listRows();
  const used = await ctx.accessLog.lastUsed(entries);
  if (entries.length === 0) {
    ctx.print('No tokens stored yet. Add one: notion-vault add --name NAME < token.txt\n');
    return EXIT.ok;
  }
  // The names go in raw, capped by the table as field() would cap them: each cell is shown once.
  ctx.printBytes(tableBytes(['NAME', 'WORKSPACE', 'KIND', 'STATUS', 'EXPIRES IN', 'LAST USED'], entries.map((e) => {
    const shown = effectiveStatus(e, now); // once per entry: 100,000 of them cost ~0.1 s each time
    return [e.name, e.workspaceName || '-', e.kind, shown, expiryText(e, now, shown), ago(used.get(e.id) ?? null, now)];
  }), [FIELD_MAX, FIELD_MAX]));
  return EXIT.ok;
}

/** Like list, with days left and what needs attention. Exit 1 if a token is invalid or expired. */
export async function status(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const now = ctx.clock();
  const doc = await ctx.file.read();
  const { unusedDays } = settingsOf(doc);
  const entries = sorted(doc.entries);
  const used = await ctx.accessLog.lastUsed(entries);
  const unused = (e: Entry): number | null => unusedFor(e, used.get(e.id) ?? null, now, unusedDays);
  const attention = entries.filter((e) => needsAttention(e, now));
  const hints = entries.map((e) => attentionHint(e, now)); // once each: status may list 100,000 entries
  const here = hereText(doc);
  if (flags.json) {
    ctx.json({
      now: now.toISOString(),
      here: here.json,
      // Every entry with something to do, as its `attention` says; the exit code counts only the invalid and expired.
      needsAttention: entries.filter((_, i) => hints[i] !== null).map((e) => e.name),
      entries: entries.map((e, i) => ({
        ...e, status: effectiveStatus(e, now), daysLeft: daysLeft(e, now), attention: hints[i] ?? null,
        lastUsedAt: used.get(e.id) ?? null, unused: unusedHint(unused(e)),
      })),
    });
  } else if (entries.length === 0) {
    ctx.print('No tokens stored yet. Add one: notion-vault add --name NAME < token.txt\n');
  } else {
    const rows = entries.map((e, i) => {
      const shown = effectiveStatus(e, now);
      return [field(e.name), field(e.workspaceName), shown, expiryText(e, now, shown), ago(e.lastCheckedAt, now), ago(used.get(e.id) ?? null, now), hints[i] ?? unusedHint(unused(e)) ?? ''];
    });
    ctx.printBytes(tableBytes(['NAME', 'WORKSPACE', 'STATUS', 'EXPIRES IN', 'CHECKED', 'USED', 'ATTENTION'], rows));
    const undecided = entries.filter((e) => ['unknown', 'unchecked'].includes(effectiveStatus(e, now))).length - attention.filter((e) => e.status === 'unknown').length;
    if (attention.length > 0) ctx.print(`${String(attention.length)} of ${String(entries.length)} need attention.\n`);
    else if (undecided > 0) ctx.print(`${String(undecided)} of ${String(entries.length)} could not be checked yet; the rest are usable.\n`);
    else ctx.print('All tokens are usable.\n');
    ctx.print(`${here.text}\n`);
  }
  return attention.length > 0 ? EXIT.attention : EXIT.ok;
}

/** Which entry run, get, export and inject use here without a NAME, and why (folder-links.ts). */
function hereText(doc: VaultDoc): { text: string; json: { folder: string; entry: string | null; why: string; linkedAt: string | null } } {
  const folder = currentFolder();
  try {
    const choice = chooseEntry(doc, null, folder);
    const linkedAt = choice.why === 'linked' ? choice.folder : null;
    const why = linkedAt !== null ? `linked at ${forTerminal(linkedAt, 200)}` : 'the only token';
    return { text: `Here, without a name: ${field(choice.entry.name)} (${why}).`, json: { folder, entry: choice.entry.name, why: choice.why, linkedAt } };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { text: `Here, without a name: none. ${why}`, json: { folder, entry: null, why, linkedAt: null } };
  }
}

const sorted = (entries: Entry[]): Entry[] => [...entries].sort(listOrder);
