import type { Client } from '@notionhq/client';
import type { Entry } from '../../common/types';
import type { Vault } from '../vault/vault';
import { describeAnswer } from '../check/notion-error-codes';
import { readTokenError } from './token-errors';

export type RefreshResult =
  /** A working access token: ours, or the one another process (or a killed refresh's pending pair) left. */
  | { ok: true; access: string; refreshed: boolean }
  /** `dead`: only reconnecting helps (the entry becomes invalid); otherwise try again later. */
  | { ok: false; dead: boolean; code: string; message: string; unreachable: boolean };

/** The fix for an OAuth entry whose grant is gone. */
export const reconnectFix = (integration: string | null): string =>
  `reconnect it: notion-vault connect --integration ${integration ?? 'NAME'}`;

/**
 * Get a new access token for an entry whose access token Notion just rejected (401): POST
 * /v1/oauth/token with grant_type refresh_token, which answers a new access token and a new
 * refresh token (developers.notion.com/reference/refresh-a-token). One process
 * at a time per entry (a lock beside vault.json, shared by the app and the CLI): inside, the
 * item is read again, and if it no longer holds the rejected token another process has already
 * refreshed, so its token is used and Notion is not asked twice (a second use of the same
 * refresh token would fail with invalid_grant, as Notion rotates it on every use).
 */
export async function refreshEntry(vault: Vault, client: Client, entry: Entry, rejected: string): Promise<RefreshResult> {
  const integration = entry.integrationId == null ? null : await vault.integrations.findById(entry.integrationId);
  if (integration === null) {
    return dead('no_integration', `Notion refused the access token, and the integration that could refresh it is no longer registered: register it again (notion-vault integrations add) and ${reconnectFix(null)}.`);
  }
  return vault.exclusive(entry.id, async (): Promise<RefreshResult> => {
    const current = await vault.token(entry);
    if (current.access !== rejected) return { ok: true, access: current.access, refreshed: false };
    const recovered = await vault.pairs.recover(entry.id, current);
    if (recovered !== null) return { ok: true, access: recovered.access, refreshed: false };
    if (current.refresh === null) {
      return dead('no_refresh_token', `Notion refused the access token and no refresh token came with it: ${reconnectFix(integration.name)}.`);
    }
    const clientSecret = await vault.integrations.secret(integration);
    let answer: Awaited<ReturnType<Client['oauth']['token']>>;
    try {
      answer = await client.oauth.token({ grant_type: 'refresh_token', refresh_token: current.refresh, client_id: integration.clientId, client_secret: clientSecret });
    } catch (error) {
      return failed(readTokenError(error), integration.name);
    }
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      return { ok: false, dead: false, code: 'malformed', message: 'Notion answered the refresh with no access token: it will be tried again later.', unreachable: false };
    }
    // Notion retired the old pair the moment it answered: from here on the new one must be kept.
    const next = { access: answer.access_token, refresh: answer.refresh_token ?? current.refresh };
    await vault.pairs.replace(entry.id, next, current.access);
    return { ok: true, access: next.access, refreshed: true };
  });
}

function failed(error: ReturnType<typeof readTokenError>, integration: string): RefreshResult {
  switch (error.kind) {
    case 'invalid_grant':
      return dead('invalid_grant', `Notion no longer accepts the refresh token (revoked in Notion, or spent by a refresh that never finished): ${reconnectFix(integration)}.`);
    case 'client':
      return dead('invalid_client', `Notion refused the client id or secret of integration "${integration}" when refreshing: if its secret was reset in Notion, register the integration again, then ${reconnectFix(integration)}.`);
    case 'refused':
      return dead(error.code ?? `http_${String(error.status)}`, `Notion refused to refresh the token (${describeAnswer(error.status, error.code)}): ${reconnectFix(integration)}.`);
    case 'transient':
      return { ok: false, dead: false, code: `http_${String(error.status)}`, message: `Notion rejected the access token and could not refresh it now (${String(error.status)}): it will be tried again later.`, unreachable: false };
    case 'unreachable':
      return { ok: false, dead: false, code: 'network', message: `Notion rejected the access token and could not be reached to refresh it (${error.why}): check your connection; it will be tried again later.`, unreachable: true };
  }
}

const dead = (code: string, message: string): RefreshResult => ({ ok: false, dead: true, code, message, unreachable: false });
