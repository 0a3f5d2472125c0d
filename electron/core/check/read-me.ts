import type { Identity, TokenKind } from '../../common/types';

/** Who owns the token, as `users/me` tells it. */
export type Owner = 'workspace' | 'user' | 'person' | 'unknown';

/** The kind an owner implies: a workspace-owned bot is an internal integration, a person a PAT; a user-owned bot could be a PAT or OAuth (null). */
export function impliedKind(owner: Owner): TokenKind | null {
  return owner === 'workspace' ? 'internal' : owner === 'person' ? 'pat' : null;
}

export interface Me {
  identity: Identity;
  owner: Owner;
  workspaceId: string | null;
  workspaceName: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Read a `GET /v1/users/me` answer without trusting its shape: a bot owned by the workspace is
 * an internal integration, a bot owned by a user is a PAT or OAuth token, a person is a PAT.
 * Returns null when the answer is not a user at all.
 */
export function readMe(answer: unknown): Me | null {
  if (!isRecord(answer)) return null;
  const id = str(answer.id);
  if (id === null || (answer.type !== 'bot' && answer.type !== 'person')) return null;
  const identity: Identity = { type: answer.type, id, name: str(answer.name) };
  if (answer.type === 'person') return { identity, owner: 'person', workspaceId: null, workspaceName: null };

  const bot = isRecord(answer.bot) ? answer.bot : {};
  const ownerType = isRecord(bot.owner) ? bot.owner.type : undefined;
  const owner: Owner = ownerType === 'workspace' || ownerType === 'user' ? ownerType : 'unknown';
  return { identity, owner, workspaceId: str(bot.workspace_id), workspaceName: str(bot.workspace_name) };
}
