import { noPagesAdvice } from '../../common/advice';
import { effectiveStatus } from '../../common/status';
import { checkEntries } from '../../core/check/check-entries';
import { EXIT, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { ago, field, table } from '../format';

/** Live check of the named entries (all by default). Exit 1 if any is invalid or expired, 4 if Notion could not say. */
export async function check(ctx: Context, names: string[], flags: { json?: boolean }): Promise<ExitCode> {
  const all = await ctx.vault.entries();
  const entries = names.length === 0 ? all : await Promise.all(names.map((n) => ctx.vault.find(n)));
  if (entries.length === 0) {
    if (flags.json) ctx.json({ results: [] });
    else ctx.print('No tokens stored yet. Add one: notion-vault add --name NAME < token.txt\n');
    return EXIT.ok;
  }
  await ctx.store.probe();
  const results = await checkEntries(ctx.vault, await ctx.client(), entries, { clock: ctx.clock });
  const now = ctx.clock();
  const shown = results.map(({ entry, drift }) => ({ entry, status: effectiveStatus(entry, now), drift }));

  if (flags.json) {
    ctx.json({ results: shown.map(({ entry, status, drift }) => ({ ...entry, status, drift })) });
  } else {
    ctx.print(table(['NAME', 'WORKSPACE', 'STATUS', 'PAGES', 'LAST OK', 'NOTE'], shown.map(({ entry, status }) => [
      field(entry.name), field(entry.workspaceName), status,
      entry.pagesShared === null ? '?' : entry.pagesShared ? 'yes' : 'none',
      ago(entry.lastOkAt, now),
      status === 'valid' || status === 'expiring' ? '' : entry.lastError?.message ?? '',
    ])));
  }
  for (const { drift } of shown) if (drift !== null) ctx.warn(drift);
  for (const { entry } of shown) {
    if (entry.pagesShared === false) ctx.warn(`${field(entry.name)} sees no pages: ${noPagesAdvice(entry.kind).fix}`);
  }
  if (shown.some(({ status }) => status === 'invalid' || status === 'expired')) return EXIT.attention;
  if (shown.some(({ status }) => status === 'unknown')) return EXIT.unreachable;
  return EXIT.ok;
}
