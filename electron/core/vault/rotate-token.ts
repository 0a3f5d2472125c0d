import { outsideName } from '../../common/outside-text';
import type { Entry } from '../../common/types';
import { applyCheck, withEvent } from '../check/apply-check';
import { checkToken, type CheckOutcome } from '../check/check-token';
import { impliedKind } from '../check/read-me';
import { EXIT, VaultError, usageError } from '../errors';
import type { Phrasing, VaultDeps } from './add-token';
import { assertDateFlags, patDates, type ExpiryFlags } from './token-dates';
import { kindWithArticle } from './vault';

export interface RotateDeps extends VaultDeps {
  say: Pick<Phrasing, 'giveExpiry'> & { skipCheck: string };
}

export type RotateResult = { stored: Entry; warnings: string[] } | { refused: string };

/** Replace an entry's secret with a new token for the same workspace (or person, for PATs). */
export async function rotateToken({ vault, probe, client, clock, say }: RotateDeps, name: string, secret: string, flags: ExpiryFlags & { check: boolean }): Promise<RotateResult> {
  assertDateFlags(flags, clock());
  await probe();
  const entry = await vault.find(name);
  if (entry.integrationId != null) {
    // Its tokens rotate themselves; a pasted token would lose the refresh token and the integration.
    const integration = await vault.integrations.findById(entry.integrationId);
    throw usageError(`${entry.name} is an OAuth connection that refreshes itself: to replace its token, connect again (notion-vault connect --integration ${integration?.name ?? 'NAME'} --name ${entry.name}).`);
  }
  const outcome = flags.check ? await checkToken(await client(), secret) : null;
  if (outcome?.result === 'unauthorized') return { refused: outcome.message };
  if (outcome?.result === 'unknown') {
    throw new VaultError(`Not rotated: the new token could not be checked (${outcome.message}) Try again, or ${say.skipCheck}.`, EXIT.unreachable);
  }
  if (outcome) assertSameOwner(entry, outcome);

  const warnings: string[] = [];
  const now = clock();
  const dates = entry.kind === 'pat' ? patDates(flags, now) : null;
  if (dates?.defaulted) warnings.push(`No expiry given: assuming Notion's default, 1 year after creation (${dates.expiresAt.toISOString().slice(0, 10)}). ${say.giveExpiry.charAt(0).toUpperCase()}${say.giveExpiry.slice(1)} if you chose another.`);
  const stored = await vault.rotate(name, secret, (current) => {
    const fresh: Entry = {
      ...current,
      createdAt: (dates?.createdAt ?? now).toISOString(),
      expiresAt: dates?.expiresAt.toISOString() ?? null,
      status: 'unchecked', lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0,
    };
    const checked = outcome ? applyCheck(fresh, outcome, now).entry : fresh;
    // The rotation replaces the check's own item: one line says what happened and how the new token fared.
    const history = checked.history.slice(0, fresh.history.length);
    return withEvent({ ...checked, history }, 'rotated', now);
  });
  return { stored, warnings };
}

function assertSameOwner(entry: Entry, outcome: Extract<CheckOutcome, { result: 'ok' }>): void {
  const { me } = outcome;
  // An internal secret answers for its workspace, a PAT may answer as its person: either way the kind must match.
  const implied = impliedKind(me.owner);
  if (implied !== null && implied !== entry.kind) {
    throw usageError(`Not rotated: Notion says the new token is ${kindWithArticle(implied)}, but ${entry.name} is ${kindWithArticle(entry.kind)}. Add it as a new token instead.`);
  }
  if (entry.workspaceId !== null && me.workspaceId !== null && entry.workspaceId !== me.workspaceId) {
    throw usageError(`Not rotated: the new token is for workspace ${outsideName(me.workspaceName ?? me.workspaceId)}, but ${entry.name} is for ${outsideName(entry.workspaceName ?? entry.workspaceId)}. Add it as a new token instead.`);
  }
  // A PAT answered as a person has no workspace: the same person must have created it.
  if (me.workspaceId === null && entry.identity?.type === 'person' && me.identity.type === 'person' && entry.identity.id !== me.identity.id) {
    throw usageError(`Not rotated: the new token belongs to another Notion user than ${entry.name}. Add it as a new token instead.`);
  }
}
