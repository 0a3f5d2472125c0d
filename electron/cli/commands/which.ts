import { parseNotionTarget, type NotionTarget } from '../../common/notion-ids';
import { OBJECT_LABEL } from '../../common/page-access';
import type { Entry } from '../../common/types';
import { which as whichTokens, type WhichReport } from '../../core/check/which';
import { EXIT, usageError, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { field, table } from '../format';


/** `which URL|ID`: which stored tokens see it, and why the others do not. 0: one does; 1: none does; 4: Notion could not say. */
export async function which(ctx: Context, input: string, flags: { json?: boolean }): Promise<ExitCode> {
  const target = parse(input);
  const entries = await ctx.vault.entries();
  if (entries.length === 0) {
    if (flags.json) ctx.json({ target, type: null, title: null, idAdvice: null, verdict: 'unseen', answers: [] } satisfies WhichReport);
    else ctx.warn('No tokens stored yet: add one (notion-vault add --name NAME < token.txt), then ask again.');
    return EXIT.attention;
  }
  return answer(ctx, entries, target, flags);
}

/** `check NAME… --page URL`: the same question for the named tokens only. */
export async function checkPage(ctx: Context, names: readonly string[], input: string, flags: { json?: boolean }): Promise<ExitCode> {
  const target = parse(input);
  if (names.length === 0) throw usageError('--page needs the token to ask: notion-vault check NAME --page URL (or notion-vault which URL for every token).');
  const entries = await Promise.all(names.map((n) => ctx.vault.find(n)));
  return answer(ctx, entries, target, flags);
}

function parse(input: string): NotionTarget {
  const parsed = parseNotionTarget(input);
  if (!parsed.ok) throw usageError(parsed.message);
  return parsed.target;
}

async function answer(ctx: Context, entries: readonly Entry[], target: NotionTarget, flags: { json?: boolean }): Promise<ExitCode> {
  await ctx.store.probe();
  const report = await whichTokens(ctx.vault, await ctx.client(), entries, target, { clock: ctx.clock });
  if (flags.json) ctx.json(report);
  else ctx.print(humanReport(report));
  return report.verdict === 'seen' ? EXIT.ok : report.verdict === 'unseen' ? EXIT.attention : EXIT.unreachable;
}

function humanReport(report: WhichReport): string {
  const what = report.type === null ? report.target.id : `${report.title === null ? 'untitled' : `“${field(report.title)}”`} (${OBJECT_LABEL[report.type]} ${report.target.id})`;
  const head = report.verdict === 'seen'
    ? `${what}: seen by ${String(report.answers.filter((a) => a.sees).length)} of ${String(report.answers.length)}.\n`
    : report.verdict === 'unseen'
      ? `No stored token sees ${what}.\n`
      : `No stored token is known to see ${what}: Notion could not answer for some of them; ask again later.\n`;
  const rows = report.answers.map((a) => [field(a.name), field(a.workspaceName), a.sees ? 'yes' : 'no', a.fix ?? '']);
  const advice = report.idAdvice === null ? '' : `${report.idAdvice}\n`;
  return `${head}${table(['NAME', 'WORKSPACE', 'SEES', 'WHY NOT / FIX'], rows)}${advice}`;
}
