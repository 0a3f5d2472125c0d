import type { Client } from '@notionhq/client';
import type { Entry } from '../../common/types';
import { checkToken, type CheckOptions, type CheckOutcome } from '../check/check-token';
import type { Vault } from '../vault/vault';
import { reconnectFix, refreshEntry } from './refresh';

/**
 * Check a stored entry with Notion. An OAuth entry connected through an integration whose access
 * token gets a 401 is refreshed (once, see refresh.ts) and checked again with the new token; only
 * if that fails too, or the refresh is refused, is it invalid, with "reconnect" as the fix.
 */
export async function checkEntry(vault: Vault, client: Client, entry: Entry, options: CheckOptions = {}): Promise<CheckOutcome> {
  const access = await vault.secret(entry);
  const first = await checkToken(client, access, options);
  if (first.result !== 'unauthorized' || entry.integrationId == null) return first;

  const refreshed = await refreshEntry(vault, client, entry, access);
  if (!refreshed.ok) {
    const { code, message, unreachable } = refreshed;
    return refreshed.dead ? { result: 'unauthorized', code, message } : { result: 'unknown', code, message, unreachable, retryAfterMs: null };
  }
  const second = await checkToken(client, refreshed.access, options);
  if (second.result !== 'unauthorized') return second;
  const integration = await vault.integrations.findById(entry.integrationId);
  return { ...second, message: `Notion refused the access token even after a refresh (revoked in Notion?): ${reconnectFix(integration?.name ?? null)}.` };
}
