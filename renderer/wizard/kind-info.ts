import type { TokenKind } from '../../electron/common/types';

export interface KindInfo {
  who: string;
  where: string;
  sees: string;
  expires: string;
}

/** What a person should know to pick a kind (facts from Notion's docs, see shared/notion-tokens.md). */
export const KIND_INFO: Readonly<Record<TokenKind, KindInfo>> = {
  pat: {
    // developers.notion.com/guides/connections-and-tokens/personal-access-tokens ("Who can create PATs"):
    // the workspace's PAT creation policy decides; on some plans it starts restricted.
    who: 'Full workspace members, if the workspace’s PAT policy allows it: where only Workspace Owners may, ask one to open it in Settings → Connections.',
    where: 'Notion’s developer portal → Personal access tokens (notion.so/developers/tokens).',
    sees: 'Everything the person who created it can see.',
    expires: 'Yes: after 7, 30, 90 or 180 days or 1 year, chosen when you create it (1 year by default).',
  },
  internal: {
    who: 'Workspace Owners.',
    where: 'Notion’s developer portal → Connections (notion.so/developers/connections) → your connection → Configuration tab → “Installation access token”.',
    sees: 'Only the pages shared with the connection.',
    expires: 'No. It stops working when it is refreshed on the Configuration tab or the connection is deleted.',
  },
  oauth: {
    who: 'Any member who authorizes your OAuth integration (one limited to selected workspaces, or a public one).',
    where: 'Your own OAuth integration’s flow: “Connect with OAuth” below runs it (the vault then refreshes the token itself), or paste an access token you already have.',
    sees: 'The pages picked when authorizing.',
    expires: 'Not documented. A refresh returns a new access token and refresh token, and the old pair stops working.',
  },
};
