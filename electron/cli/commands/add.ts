import { nameProblem } from '../../common/names';
import type { Entry, TokenKind } from '../../common/types';
import { applyCheck } from '../../core/check/apply-check';
import { checkToken, type CheckOutcome } from '../../core/check/check-token';
import { EXIT, usageError, type ExitCode } from '../../core/errors';
import { kindLabel } from '../../core/vault/vault';
import type { Context } from '../context';
import { patDates, rejectExpiryFlags, type ExpiryFlags } from '../dates';
import { describeEntry } from '../format';
import { readSecret } from '../read-secret';

export interface AddFlags extends ExpiryFlags {
  name?: string;
  kind?: TokenKind;
  workspace?: string;
  check: boolean;
  json?: boolean;
}

export async function add(ctx: Context, flags: AddFlags): Promise<ExitCode> {
  const problem = flags.name === undefined ? null : nameProblem(flags.name);
  if (problem !== null) throw usageError(problem);
  const secret = ctx.remember(await readSecret());
  await ctx.store.probe();
  const outcome = flags.check ? await checkToken(await ctx.client(), secret) : null;
  if (outcome?.result === 'unauthorized') {
    ctx.warn(`Not stored: ${outcome.message}`);
    return EXIT.attention;
  }
  const kind = decideKind(ctx, flags, outcome);
  const now = ctx.clock();
  let createdAt = now;
  let expiresAt: Date | null = null;
  if (kind === 'pat') {
    const dates = patDates(flags, now);
    ({ createdAt, expiresAt } = dates);
    if (dates.defaulted) ctx.warn(`No expiry given: assuming Notion's default, 1 year after creation (${expiresAt.toISOString().slice(0, 10)}). Pass --expires or --expires-in if you chose another.`);
  } else {
    rejectExpiryFlags(flags, kindLabel(kind));
  }

  let draft: Entry = {
    id: '', name: '', addedAt: '', kind,
    workspaceId: null, workspaceName: flags.workspace ?? null, identity: null,
    createdAt: createdAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null,
    status: 'unchecked', lastCheckedAt: null, lastOkAt: null, lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0,
  };
  if (outcome) draft = applyCheck(draft, outcome, now).entry;
  const { id: _id, addedAt: _addedAt, ...fields } = draft; // the vault assigns both
  const entry = await ctx.vault.add({ ...fields, name: flags.name ?? null }, secret);

  if (flags.json) ctx.json(entry);
  else ctx.print(`Stored ${describeEntry(entry)}.\n`);
  if (outcome?.result === 'unknown') ctx.warn(`Stored without a check: ${outcome.message} Run \`notion-vault check ${entry.name}\` later.`);
  if (entry.pagesShared === false) ctx.warn(`${entry.name} sees no pages yet: in Notion open a page, ••• → Connections → Add connection. (Search can lag a few minutes after sharing.)`);
  return EXIT.ok;
}

/** The kind Notion's answer implies, reconciled with --kind. */
function decideKind(ctx: Context, flags: AddFlags, outcome: CheckOutcome | null): TokenKind {
  const owner = outcome?.result === 'ok' ? outcome.me.owner : null;
  const implied: TokenKind | null = owner === 'workspace' ? 'internal' : owner === 'person' ? 'pat' : null;
  if (flags.kind !== undefined) {
    if (implied !== null && implied !== flags.kind) {
      throw usageError(`Notion says this is a ${kindLabel(implied)}, not a ${kindLabel(flags.kind)}: drop --kind or pass --kind ${implied}.`);
    }
    if (owner === 'user' && flags.kind === 'internal') throw usageError('Notion says a user owns this token, so it is not an internal integration secret: pass --kind pat or --kind oauth.');
    return flags.kind;
  }
  if (implied !== null) return implied;
  if (owner === 'user') ctx.warn('Notion says a user owns this token: taking it as a personal access token. Pass --kind oauth if it is an OAuth token.');
  else ctx.warn('The kind of this token is not known without a check: taking it as a personal access token. Pass --kind to choose.');
  return 'pat';
}
