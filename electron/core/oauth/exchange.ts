import type { Client } from '@notionhq/client';
import type { Integration } from '../../common/types';
import { describeAnswer } from '../check/notion-error-codes';
import { EXIT, VaultError } from '../errors';
import type { StoredToken } from './token-pair';
import { readTokenError } from './token-errors';

/** What Notion's token endpoint says about a new connection. */
export interface Grant {
  token: StoredToken;
  workspaceId: string | null;
  workspaceName: string | null;
  botId: string | null;
  /** The Notion user who authorized it. */
  owner: { id: string; name: string | null } | null;
}

/** Trade the authorization code for an access and refresh token (Basic auth with the integration's id and secret): POST /v1/oauth/token, developers.notion.com/reference/create-a-token. */
export async function exchangeCode(client: Client, integration: Integration, clientSecret: string, code: string, redirectUri: string): Promise<Grant> {
  let answer: unknown;
  try {
    answer = await client.oauth.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: integration.clientId, client_secret: clientSecret });
  } catch (error) {
    throw exchangeError(readTokenError(error), integration, redirectUri);
  }
  const grant = readGrant(answer);
  if (grant === null) throw new VaultError('Notion answered the code exchange without an access token: nothing was stored; connect again.', EXIT.unreachable);
  return grant;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The token response, every field guarded (the SDK's types are Notion's promise, not a check). */
function readGrant(answer: unknown): Grant | null {
  if (!isRecord(answer)) return null;
  const access = str(answer.access_token);
  if (access === null) return null;
  const owner = isRecord(answer.owner) && isRecord(answer.owner.user) ? answer.owner.user : null;
  const ownerId = owner === null ? null : str(owner.id);
  return {
    token: { access, refresh: str(answer.refresh_token) },
    workspaceId: str(answer.workspace_id),
    workspaceName: str(answer.workspace_name),
    botId: str(answer.bot_id),
    owner: owner === null || ownerId === null ? null : { id: ownerId, name: str(owner.name) },
  };
}

function exchangeError(error: ReturnType<typeof readTokenError>, integration: Integration, redirectUri: string): VaultError {
  switch (error.kind) {
    case 'invalid_grant':
      return new VaultError('Notion refused the authorization code (expired or already used): nothing was stored; connect again.', EXIT.attention);
    case 'client':
      return new VaultError(`Notion refused the client id or secret of integration "${integration.name}": nothing was stored; check both in the integration's settings in Notion, then register it again.`, EXIT.attention);
    case 'refused':
      return new VaultError(`Notion refused the code exchange (${describeAnswer(error.status, error.code)}): nothing was stored; check that ${redirectUri} is a redirect URI of the integration in Notion, then connect again.`, EXIT.attention);
    case 'transient':
      return new VaultError(`Notion could not finish the connection (${String(error.status)}): nothing was stored; connect again in a minute.`, EXIT.unreachable);
    case 'unreachable':
      return new VaultError(`Cannot reach Notion to finish the connection (${error.why}): nothing was stored; check your connection or NOTION_API_BASE_URL and connect again.`, EXIT.unreachable);
  }
}
