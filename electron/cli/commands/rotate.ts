import type { Entry } from '../../common/types';
import { applyCheck } from '../../core/check/apply-check';
import { checkToken, type CheckOutcome } from '../../core/check/check-token';
import { EXIT, VaultError, usageError, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { patDates, type ExpiryFlags } from '../../core/vault/token-dates';
import { describeEntry } from '../format';
import { readSecret } from '../read-secret';

/** Replace an entry's secret with a new token for the same workspace (new secret on stdin). */
export async function rotate(ctx: Context, name: string, flags: ExpiryFlags & { check: boolean; json?: boolean }): Promise<ExitCode> {
  const secret = ctx.remember(await readSecret());
  await ctx.store.probe();
  const entry = await ctx.vault.find(name);
  const outcome = flags.check ? await checkToken(await ctx.client(), secret) : null;
  if (outcome?.result === 'unauthorized') {
    ctx.warn(`Not rotated: ${outcome.message}`);
    return EXIT.attention;
  }
  if (outcome?.result === 'unknown') {
    throw new VaultError(`Not rotated: the new token could not be checked (${outcome.message}) Try again, or pass --no-check to rotate without a check.`, EXIT.unreachable);
  }
  if (outcome) assertSameOwner(entry, outcome);

  const now = ctx.clock();
  const dates = entry.kind === 'pat' ? patDates(flags, now) : null;
  if (dates?.defaulted) ctx.warn(`No expiry given: assuming Notion's default, 1 year after creation (${dates.expiresAt.toISOString().slice(0, 10)}).`);
  const rotated = await ctx.vault.rotate(name, secret, (current) => {
    const fresh: Entry = {
      ...current,
      createdAt: (dates?.createdAt ?? now).toISOString(),
      expiresAt: dates?.expiresAt.toISOString() ?? null,
      status: 'unchecked', lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0,
    };
    return outcome ? applyCheck(fresh, outcome, now).entry : fresh;
  });
  if (flags.json) ctx.json(rotated);
  else ctx.print(`Rotated ${describeEntry(rotated)}. Revoke the old token in Notion if it still works.\n`);
  return EXIT.ok;
}

function assertSameOwner(entry: Entry, outcome: Extract<CheckOutcome, { result: 'ok' }>): void {
  const { me } = outcome;
  if (entry.workspaceId !== null && me.workspaceId !== null && entry.workspaceId !== me.workspaceId) {
    throw usageError(`Not rotated: the new token is for workspace ${me.workspaceName ?? me.workspaceId}, but ${entry.name} is for ${entry.workspaceName ?? entry.workspaceId}. Add it as a new token instead.`);
  }
  // A PAT answered as a person has no workspace: the same person must have created it.
  if (me.workspaceId === null && entry.identity?.type === 'person' && me.identity.type === 'person' && entry.identity.id !== me.identity.id) {
    throw usageError(`Not rotated: the new token belongs to another Notion user than ${entry.name}. Add it as a new token instead.`);
  }
}
