import type { Client } from '@notionhq/client';
import type { Entry, Integration } from '../../common/types';
import { EXIT, VaultError, usageError, type ExitCode } from '../errors';
import type { Vault } from '../vault/vault';
import { describeAnswer } from '../check/notion-error-codes';
import { readTokenError, type TokenEndpointError } from './token-errors';
import type { StoredToken } from './token-pair';

export interface RevokeResult {
  removed: Entry;
  /** Notion already considered the token dead, so there was nothing left to revoke. */
  alreadyDead: boolean;
}

/**
 * Revoke a connected OAuth entry in Notion (oauth.revoke, with its integration's id and secret),
 * then forget it. If Notion cannot be asked, or refuses for another reason than the grant being
 * dead already, nothing is removed: the person can try again.
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
    const verdict = await revokeGrant(await client(), integration, clientSecret, token);
    if (!verdict.ok) {
      throw new VaultError(`Not removed: ${verdict.why}, so ${entry.name} was not revoked. Try again, or remove it ${without} and revoke it in Notion (Settings → Connections).`, verdict.exitCode);
    }
    alreadyDead = verdict.alreadyDead;
  });
  return { removed, alreadyDead };
}

export type RevokeVerdict =
  | { ok: true; alreadyDead: boolean }
  /** `why`: what Notion said (or that it could not be reached), to finish a sentence. */
  | { ok: false; why: string; exitCode: ExitCode };

/**
 * Revoke a grant in Notion with its access token. If Notion refuses that one (400/401: an expired
 * access token may be refused while its grant lives on), the refresh token (if any) is revoked
 * too. Only invalid_grant / invalid_token for the last token tried counts as already dead.
 */
export async function revokeGrant(client: Client, integration: Integration, clientSecret: string, token: StoredToken): Promise<RevokeVerdict> {
  const revoke = async (value: string): Promise<TokenEndpointError | null> => {
    try {
      await client.oauth.revoke({ token: value, client_id: integration.clientId, client_secret: clientSecret });
      return null;
    } catch (error) {
      return readTokenError(error);
    }
  };
  const first = await revoke(token.access);
  const refused = first !== null && (first.kind === 'invalid_grant' || first.kind === 'client' || (first.kind === 'refused' && first.status === 400));
  const last = refused && token.refresh !== null ? await revoke(token.refresh) : first;
  if (last === null) return { ok: true, alreadyDead: false };
  if (last.kind === 'invalid_grant') return { ok: true, alreadyDead: true };
  return { ok: false, why: describeFailure(last, integration), exitCode: last.kind === 'transient' || last.kind === 'unreachable' ? EXIT.unreachable : EXIT.attention };
}

function describeFailure(failure: Exclude<TokenEndpointError, { kind: 'invalid_grant' }>, integration: Integration): string {
  switch (failure.kind) {
    case 'unreachable':
      return `Notion could not be reached (${failure.why})`;
    case 'transient':
      return `Notion answered ${String(failure.status)}`;
    case 'client':
      return `Notion refused the client id or secret of "${integration.name}"`;
    case 'refused':
      return `Notion refused to revoke it (${describeAnswer(failure.status, failure.code)})`;
  }
}
