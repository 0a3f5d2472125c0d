import { attentionHint, daysLeft, effectiveStatus, needsAttention } from '../../common/status';
import type { Entry } from '../../common/types';
import { EXIT, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { ago, expiryText, field, table } from '../format';

/** Entries as stored, with expiry applied to the status; no network, no keychain. */
export async function list(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const now = ctx.clock();
  const entries = sorted(await ctx.vault.entries());
  if (flags.json) {
    ctx.json({ entries: entries.map((e) => ({ ...e, status: effectiveStatus(e, now) })) });
    return EXIT.ok;
  }
  if (entries.length === 0) {
    ctx.print('No tokens stored yet. Add one: notion-vault add --name NAME < token.txt\n');
    return EXIT.ok;
  }
  ctx.print(table(['NAME', 'WORKSPACE', 'KIND', 'STATUS', 'EXPIRES IN'], entries.map((e) => {
    const shown = effectiveStatus(e, now); // once per entry: 100,000 of them cost ~0.1 s each time
    return [field(e.name), field(e.workspaceName), e.kind, shown, expiryText(e, now, shown)];
  })));
  return EXIT.ok;
}

/** Like list, with days left and what needs attention. Exit 1 if a token is invalid or expired. */
export async function status(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const now = ctx.clock();
  const entries = sorted(await ctx.vault.entries());
  const attention = entries.filter((e) => needsAttention(e, now));
  if (flags.json) {
    ctx.json({
      now: now.toISOString(),
      needsAttention: attention.map((e) => e.name),
      entries: entries.map((e) => ({ ...e, status: effectiveStatus(e, now), daysLeft: daysLeft(e, now), attention: attentionHint(e, now) })),
    });
  } else if (entries.length === 0) {
    ctx.print('No tokens stored yet. Add one: notion-vault add --name NAME < token.txt\n');
  } else {
    const rows = entries.map((e) => {
      const shown = effectiveStatus(e, now);
      return [field(e.name), field(e.workspaceName), shown, expiryText(e, now, shown), ago(e.lastCheckedAt, now), attentionHint(e, now) ?? ''];
    });
    ctx.print(table(['NAME', 'WORKSPACE', 'STATUS', 'EXPIRES IN', 'CHECKED', 'ATTENTION'], rows));
    const undecided = entries.filter((e) => ['unknown', 'unchecked'].includes(effectiveStatus(e, now))).length - attention.filter((e) => e.status === 'unknown').length;
    if (attention.length > 0) ctx.print(`${String(attention.length)} of ${String(entries.length)} need attention.\n`);
    else if (undecided > 0) ctx.print(`${String(undecided)} of ${String(entries.length)} could not be checked yet; the rest are usable.\n`);
    else ctx.print('All tokens are usable.\n');
  }
  return attention.length > 0 ? EXIT.attention : EXIT.ok;
}

/** By workspace, then name, as localeCompare orders them. */
const sorted = (entries: Entry[]): Entry[] => [...entries].sort((a, b) => {
  // Most pairs share a workspace, whose name JSON.parse made one string: equal at once, without the collator.
  const workspaceA = a.workspaceName ?? '';
  const workspaceB = b.workspaceName ?? '';
  return (workspaceA === workspaceB ? 0 : workspaceA.localeCompare(workspaceB)) || a.name.localeCompare(b.name);
});
