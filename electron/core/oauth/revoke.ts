import type { Client } from '@notionhq/client';
import type { Entry } from '../../common/types';
import { EXIT, VaultError, usageError } from '../errors';
import type { Vault } from '../vault/vault';
import { readTokenError } from './token-errors';

export interface RevokeResult {
  removed: Entry;
  /** Notion already considered the token dead, so there was nothing left to revoke. */
  alreadyDead: boolean;
}

/**
 * Revoke a connected OAuth entry in Notion (oauth.revoke, with its integration's id and secret),
 * then forget it. If Notion cannot be asked, nothing is removed: the person can try again.
 * `without` says how to remove it without revoking, in the words of the face that asked.
 */
export async function revokeAndRemove(vault: Vault, client: () => Promise<Client>, name: string, without = 'without --revoke'): Promise<RevokeResult> {
  const entry = await vault.find(name);
  if (entry.integrationId == null) {
    throw usageError(`${entry.name} was not connected through an integration, so notion-vault cannot revoke it: remove it ${without} and revoke it in Notion (Settings → Connections).`);
  }
  const integration = await vault.integrations.findById(entry.integrationId);
  if (integration === null) {
    throw usageError(`The integration ${entry.name} was connected through is no longer registered, so it cannot be revoked from here: remove it ${without} and revoke it in Notion (Settings → Connections).`);
  }
  let alreadyDead = false;
  const removed = await vault.remove(name, async (current) => {
    const token = await vault.token(current);
    const clientSecret = await vault.integrations.secret(integration);
    try {
      await (await client()).oauth.revoke({ token: token.access, client_id: integration.clientId, client_secret: clientSecret });
    } catch (error) {
      const failure = readTokenError(error);
      if (failure.kind === 'invalid_grant' || (failure.kind === 'refused' && failure.status === 400)) {
        alreadyDead = true;
        return;
      }
      const why = failure.kind === 'unreachable' ? `Notion could not be reached (${failure.why})` : failure.kind === 'transient' ? `Notion answered ${String(failure.status)}` : `Notion refused the client id or secret of "${integration.name}"`;
      throw new VaultError(`Not removed: ${why}, so ${entry.name} was not revoked. Try again, or remove it ${without} and revoke it in Notion (Settings → Connections).`, failure.kind === 'client' ? EXIT.attention : EXIT.unreachable);
    }
  });
  return { removed, alreadyDead };
}
