import type { Client } from '@notionhq/client';
import { invalidTokenMessage, noPagesAdvice } from '../../common/advice';
import { nameProblem } from '../../common/names';
import type { Entry, TokenKind } from '../../common/types';
import { applyCheck, withEvent } from '../check/apply-check';
import type { CheckOutcome } from '../check/check-token';
import { impliedKind } from '../check/read-me';
import { usageError } from '../errors';
import { assertDateFlags, patDates, rejectExpiryFlags, type ExpiryFlags } from './token-dates';
import { kindLabel, kindWithArticle, type Vault } from './vault';

export interface AddTokenRequest extends ExpiryFlags {
  secret: string;
  name?: string;
  kind?: TokenKind;
  /** The workspace, for PATs whose check answer does not say it. */
  workspace?: string;
  check: boolean;
  /** A check already made (the window's inspect step): used instead of checking again. */
  checked?: CheckOutcome;
}

/** What changing the vault needs, whichever face (CLI or app) asks. */
export interface VaultDeps {
  vault: Vault;
  /** The keychain probe: nothing is written before it passes. */
  probe: () => Promise<void>;
  client: () => Promise<Client>;
  clock: () => Date;
}

export interface AddTokenDeps extends VaultDeps {
  /** How this face (CLI or window) tells a person to do something. */
  say: Phrasing;
}

export interface Phrasing {
  /** "pass --kind oauth" / "choose OAuth". */
  chooseKind: (kind: TokenKind) => string;
  /** "pass --expires or --expires-in" / "set the expiry". */
  giveExpiry: string;
  /** "run `notion-vault check acme` later" / "use Check now later". */
  checkLater: (name: string) => string;
}

export type AddTokenResult =
  | { stored: Entry; warnings: string[] }
  /** Notion rejected the token (401): nothing was stored. */
  | { refused: string };

/**
 * Check a token with Notion and store it: the kind from Notion's answer, the PAT's dates,
 * a name, and the warnings a person should see. Shared by the CLI and the app.
 */
export async function addToken({ vault, probe, client, clock, say }: AddTokenDeps, request: AddTokenRequest): Promise<AddTokenResult> {
  const problem = request.name === undefined ? null : nameProblem(request.name);
  if (problem !== null) throw usageError(problem);
  assertDateFlags(request, clock());
  // The probe passes before the token goes to Notion: it could not be kept otherwise. With no check
  // to make, its keychain round trips go on while vault.json is read; the vault waits for it before
  // it reads or writes a secret, so nothing is written before it passes.
  const probed = probe();
  probed.catch(() => undefined); // awaited below: an error elsewhere first must not leave it unhandled
  let outcome = request.checked ?? null;
  if (outcome === null && request.check) {
    await probed;
    // Loaded here: it brings the Notion SDK (~25 ms to load), which `add --no-check` never uses.
    const { checkToken } = await import('../check/check-token');
    outcome = await checkToken(await client(), request.secret);
  }
  // Nothing is stored, so there is nothing to rotate: the fix is another token.
  if (outcome?.result === 'unauthorized') return { refused: invalidTokenMessage('add it') };

  const warnings: string[] = [];
  const kind = decideKind(request.kind, outcome, warnings, say);
  const now = clock();
  let createdAt = now;
  let expiresAt: Date | null = null;
  if (kind === 'pat') {
    const dates = patDates(request, now);
    ({ createdAt, expiresAt } = dates);
    if (dates.defaulted) warnings.push(`No expiry given: assuming Notion's default, 1 year after creation (${expiresAt.toISOString().slice(0, 10)}). ${capitalize(say.giveExpiry)} if you chose another.`);
  } else {
    rejectExpiryFlags(request, kindLabel(kind));
  }

  let draft: Entry = {
    id: '', name: '', addedAt: '', kind,
    workspaceId: null, workspaceName: request.workspace ?? null, identity: null,
    createdAt: createdAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null,
    status: 'unchecked', lastCheckedAt: null, lastOkAt: null, lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0, history: [],
  };
  if (outcome) draft = applyCheck(draft, outcome, now).entry;
  draft = { ...draft, history: [] }; // the add itself is the first item, whatever the check said
  draft = withEvent(draft, 'added', now);
  const { id: _id, addedAt: _addedAt, ...fields } = draft; // the vault assigns both
  const stored = await vault.add({ ...fields, name: request.name ?? null }, request.secret, probed);

  if (outcome?.result === 'unknown') warnings.push(`Stored without a check: ${outcome.message} ${capitalize(say.checkLater(stored.name))}.`);
  if (stored.pagesShared === false) warnings.push(`${stored.name} sees no pages yet: ${noPagesAdvice(stored.kind).fix}`);
  return { stored, warnings };
}

/** The kind Notion's answer implies, reconciled with the kind the person gave. */
function decideKind(given: TokenKind | undefined, outcome: CheckOutcome | null, warnings: string[], say: Phrasing): TokenKind {
  const owner = outcome?.result === 'ok' ? outcome.me.owner : null;
  const implied = owner === null ? null : impliedKind(owner);
  if (given !== undefined) {
    if (implied !== null && implied !== given) {
      throw usageError(`Notion says this is ${kindWithArticle(implied)}, not ${kindWithArticle(given)}: ${say.chooseKind(implied)}.`);
    }
    if (owner === 'user' && given === 'internal') throw usageError(`Notion says a user owns this token, so it is not an internal integration secret: ${say.chooseKind('pat')} or ${say.chooseKind('oauth').replace(/^\S+ /, '')}.`);
    return given;
  }
  if (implied !== null) return implied;
  warnings.push(owner === 'user'
    ? `Notion says a user owns this token: taking it as a personal access token. ${capitalize(say.chooseKind('oauth'))} if it is an OAuth token.`
    : `The kind of this token is not known without a check: taking it as a personal access token. ${capitalize(say.chooseKind('internal'))} or ${say.chooseKind('oauth').replace(/^\S+ /, '')} if it is not one.`);
  return 'pat';
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
