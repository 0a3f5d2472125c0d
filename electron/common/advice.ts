import type { TokenKind } from './types';

// The advice that depends on what kind of token it is, in one place for every face: the CLI's add,
// check and status, notifications, the tray, the window and the wizard. A PAT acts as the person
// who created it: it never needs "Add connection" and sees what they see
// (developers.notion.com/guides/connections-and-tokens/personal-access-tokens). Only internal integrations and
// OAuth connections are shared with, through ••• → Connections → Add connection
// (developers.notion.com/guides/authorization/overview, "Connection permissions").

/**
 * Notion's Developer portal (2026), as developers.notion.com/guides/connections-and-tokens/personal-access-tokens
 * links it (personalAccessTokensUrl, developerPortalUrl) and .../get-started/public-connections
 * (developerConnectionsUrl): connections of every kind, internal and OAuth, are made under Connections.
 */
export const NOTION_PORTAL = {
  developers: 'https://www.notion.so/developers',
  tokens: 'https://www.notion.so/developers/tokens',
  connections: 'https://www.notion.so/developers/connections',
} as const;

/** The tokens page as a sentence names it (notion.so/developers/tokens). */
export const TOKENS_PAGE = NOTION_PORTAL.tokens.replace(/^https:\/\/www\./, '');

/** The sharing step, for a connection: where it is in Notion's page menu. */
export const ADD_CONNECTION = '••• → Connections → Add connection';

/**
 * Search found nothing: what that means for this kind of token. `short` stands alone ("sees no
 * pages: …"); `fix` follows "NAME sees no pages yet: ".
 */
export function noPagesAdvice(kind: TokenKind): { short: string; fix: string } {
  if (kind === 'pat') {
    return {
      short: 'sees no pages: its creator sees none in this workspace, or it lacks the Notion API capability',
      fix: `it acts as its creator, so sharing does not apply: if they see pages here, it lacks the Notion API capability (${TOKENS_PAGE}). Search can lag a few minutes.`,
    };
  }
  return {
    short: `sees no pages: in Notion, Page ${ADD_CONNECTION}`,
    fix: `in Notion open a page, ${ADD_CONNECTION}. (Search can lag a few minutes after sharing.)`,
  };
}

/** What a 401 may mean for this kind; for a PAT, a workspace policy that may allow it again. */
export function rejectedCause(kind: TokenKind): string {
  return kind === 'pat'
    ? 'revoked, expired, or blocked by a workspace policy on personal access tokens (it works again if the policy allows it)'
    : 'revoked, refreshed or deleted';
}

/** A page a connection cannot see: share it with the connection (by its name in Notion), or, for a PAT, its creator needs access. */
export function notSharedAdvice(kind: TokenKind, connection: string | null, creator: string | null): string {
  if (kind === 'pat') {
    const who = creator === null ? 'the person who created it' : `its creator (${creator})`;
    return `${who} cannot see it: ask for access to it in Notion (sharing with a connection does not apply to a personal access token)`;
  }
  const named = connection === null ? '' : ` → ${connection}`;
  return `not shared with this connection: in Notion open it, ${ADD_CONNECTION}${named}`;
}

/** A 403 restricted_resource on reading content: the capability that is missing. */
export function restrictedAdvice(kind: TokenKind): string {
  return kind === 'pat'
    ? `it lacks the Notion API capability: create a new token with it at ${NOTION_PORTAL.tokens}`
    : `it lacks the "Read content" capability: give it that in the connection's settings at ${NOTION_PORTAL.connections}`;
}

/**
 * A 401, in our words, and what to do: a stored entry is rotated; a token being added is replaced
 * before it is stored. A member's PATs also answer 401 while a workspace policy blocks them
 * (developers.notion.com/guides/connections-and-tokens/personal-access-tokens).
 */
export const invalidTokenMessage = (then: 'rotate it in' | 'add it' | null): string =>
  `Notion says the token is invalid (revoked, expired, refreshed, or blocked by a workspace policy)${then === null ? '.' : `: create a new one and ${then}.`}`;
