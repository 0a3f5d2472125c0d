import type { Client } from '@notionhq/client';
import { nameProblem } from '../../common/names';
import { outsideName } from '../../common/outside-text';
import type { Entry, Integration } from '../../common/types';
import { applyCheck, withEvent } from '../check/apply-check';
import { checkToken, type CheckOutcome } from '../check/check-token';
import { VaultError, usageError } from '../errors';
import type { VaultDeps } from '../vault/add-token';
import { authorizeUrl, newState } from './authorize';
import { exchangeCode, type Grant } from './exchange';
import { redirectUri } from './integrations';
import { openCallbackListener } from './loopback';
import { writeLaunchPage, type LaunchPage } from './private-launch';
import { revokeGrant } from './revoke';
import { encodePair } from './token-pair';

export interface ConnectRequest {
  /** The registered integration to connect through (its name). */
  integration: string;
  /** The entry's name (default: workspace + "oauth", e.g. acme-oauth). */
  name?: string;
  /** How long to wait for the person to approve in the browser. */
  timeoutMs: number;
  /** `NOTION_API_BASE_URL` or https://api.notion.com: where the authorize page is. */
  baseUrl: string;
  /**
   * Show Notion's authorize page: open the browser, or print the URL to open by hand. Called once
   * the loopback listener is up; the callback may arrive before this returns. A browser is handed
   * `privateUrl()`, never `url`: a file:// page only this user can read that forwards to `url`,
   * since any local user can read a browser's command line and the `state` in it.
   */
  present: (url: string, privateUrl: () => string) => Promise<void> | void;
  /** Cancels the wait (Ctrl-C, the window's Cancel): nothing is stored. */
  signal?: AbortSignal;
  /** Told every token this connection gets, for a face that redacts what it prints. */
  remember?: (secret: string) => void;
}

export interface ConnectResult {
  stored: Entry;
  /** An entry for the same integration and workspace was given the new tokens instead of adding another. */
  reconnected: boolean;
  warnings: string[];
}

/**
 * Connect a workspace through the person's own public integration: Notion's authorize page in
 * the browser, the redirect taken by a loopback listener, the code exchanged for an access and
 * refresh token (stored as one keychain item), and the entry created (or, for a workspace already
 * connected through this integration, reconnected in place). Nothing is stored unless all of it works,
 * and if storing fails once Notion has issued the tokens, the new grant is revoked (best effort).
 * A name taken by anything but a connection through this integration is refused before the browser;
 * one taken by a connection for another workspace than the one chosen, once Notion says which.
 */
export async function connectIntegration(deps: VaultDeps, request: ConnectRequest): Promise<ConnectResult> {
  const { vault } = deps;
  const problem = request.name === undefined ? null : nameProblem(request.name);
  if (problem !== null) throw usageError(problem);
  await deps.probe();
  const integration = await vault.integrations.find(request.integration);
  const taken = request.name === undefined ? undefined : (await vault.entries()).find((e) => e.name === request.name);
  if (taken !== undefined && taken.integrationId !== integration.id) {
    throw usageError(`A token named "${taken.name}" already exists: pick another name (a name of a connection through "${integration.name}" reconnects it).`);
  }
  const clientSecret = await vault.integrations.secret(integration);

  const state = newState();
  const redirect = redirectUri(integration.redirectPort);
  const listener = await openCallbackListener(integration.redirectPort, state);
  const url = authorizeUrl({ baseUrl: request.baseUrl, clientId: integration.clientId, redirectUri: redirect, state });
  let page: LaunchPage | undefined;
  let code: string;
  try {
    await request.present(url, () => (page ??= writeLaunchPage(url)).url);
    code = await listener.code({ timeoutMs: request.timeoutMs, signal: request.signal });
  } finally {
    listener.close();
    page?.remove(); // the attempt is over (callback, denial, timeout, cancel): the page has served
  }

  const client = await deps.client();
  const grant = await exchangeCode(client, integration, clientSecret, code, redirect);
  request.remember?.(grant.token.access);
  if (grant.token.refresh !== null) request.remember?.(grant.token.refresh);
  try {
    const outcome = await checkToken(client, grant.token.access);
    return await store(deps, integration, grant, outcome, request.name);
  } catch (error) {
    throw await withdraw(error, client, integration, clientSecret, grant);
  }
}

/** Storing failed after Notion issued the tokens: revoke the new grant, so no connection stays granted that nothing holds. */
async function withdraw(error: unknown, client: Client, integration: Integration, clientSecret: string, grant: Grant): Promise<unknown> {
  const verdict = await revokeGrant(client, integration, clientSecret, grant.token).catch(() => null);
  if (!(error instanceof VaultError)) return error;
  const tail = verdict?.ok === true
    ? 'The new connection was revoked in Notion.'
    : `The new connection could not be revoked (${verdict?.why ?? 'error'}): revoke it in Notion (Settings → Connections).`;
  return new VaultError(`${error.message} ${tail}`, error.exitCode);
}

async function store({ vault, clock }: VaultDeps, integration: Integration, grant: Grant, outcome: CheckOutcome, name: string | undefined): Promise<ConnectResult> {
  const now = clock();
  const item = grant.token.refresh === null ? grant.token.access : encodePair({ access: grant.token.access, refresh: grant.token.refresh });
  const warnings: string[] = [];
  if (grant.token.refresh === null) warnings.push('Notion sent no refresh token: when the access token stops working, connect again.');

  let draft: Entry = {
    id: '', name: '', addedAt: '', kind: 'oauth', integrationId: integration.id,
    workspaceId: grant.workspaceId, workspaceName: grant.workspaceName,
    identity: grant.botId === null ? null : { type: 'bot', id: grant.botId, name: null },
    createdAt: now.toISOString(), expiresAt: null,
    status: 'unchecked', lastCheckedAt: null, lastOkAt: null, lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0, history: [],
  };
  draft = { ...applyCheck(draft, outcome, now).entry, history: [] };
  if (outcome.result === 'unknown') warnings.push(`Connected, but not checked yet: ${outcome.message}`);

  const entries = await vault.entries();
  const same = entries.find((e) => e.integrationId === integration.id && e.workspaceId !== null && e.workspaceId === grant.workspaceId);
  const clash = name === undefined ? undefined : entries.find((e) => e.name === name && e.id !== same?.id);
  if (clash !== undefined) {
    throw usageError(same === undefined
      ? `A token named "${clash.name}" already exists${clash.workspaceName === null ? '' : ` (${outsideName(clash.workspaceName)})`}: nothing was stored; connect again with another name.`
      : `This workspace is already connected as ${same.name}, and the name "${clash.name}" is taken by another token: nothing was changed; reconnect without a new name, or with a free one.`);
  }
  if (same !== undefined) {
    // The new name goes in with the tokens, in one vault update: a rename cannot fail after the swap.
    const stored = await vault.exclusive(same.id, async () => {
      const swapped = await vault.rotate(same.name, item, (current) => withEvent(
        { ...draft, id: current.id, name: name ?? current.name, addedAt: current.addedAt, history: current.history }, 'rotated', now,
      ));
      await vault.pairs.forget(same.id); // a pair a killed refresh left aside belongs to the old grant
      return swapped;
    });
    return { stored, reconnected: true, warnings: [...warnings, ...pagesHint(stored)] };
  }

  draft = withEvent(draft, 'added', now);
  const { id: _id, addedAt: _addedAt, ...fields } = draft;
  const stored = await vault.add({ ...fields, name: name ?? null }, item);
  return { stored, reconnected: false, warnings: [...warnings, ...pagesHint(stored)] };
}

const pagesHint = (entry: Entry): string[] =>
  entry.pagesShared === false ? [`${entry.name} sees no pages yet: connect again and pick pages in Notion's page picker, or share a page with the integration (••• → Connections).`] : [];
