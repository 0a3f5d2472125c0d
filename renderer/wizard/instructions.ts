import type { TokenKind } from '../../electron/common/types';
import { ADD_CONNECTION } from '../../electron/common/advice';
import { NOTION_URLS } from './notion-urls';

export interface Instruction {
  text: string;
  open?: { url: string; label: string };
}

/** How to create each kind of token in Notion, one numbered step each. */
export const INSTRUCTIONS: Readonly<Record<TokenKind, readonly Instruction[]>> = {
  pat: [
    { text: 'Open the developer portal’s Personal access tokens page (sign in to Notion if asked).', open: { url: NOTION_URLS.tokens, label: 'Open Personal access tokens' } },
    { text: 'Create a new token: give it a name and choose the workspace.' },
    { text: 'Give it the “Notion API” capability (see the checklist below).' },
    { text: 'Choose when it expires: 7, 30, 90 or 180 days or 1 year. Tell the vault the same below, so it can warn you in time.' },
    { text: 'Copy the token, then go to the next step.' },
  ],
  internal: [
    { text: 'Open Connections in Notion’s developer portal (you must be a Workspace Owner).', open: { url: NOTION_URLS.connections, label: 'Open Connections' } },
    { text: 'Create a new internal connection, or open the one your scripts use.' },
    { text: 'Give it the capabilities in the checklist below.' },
    { text: 'On its Configuration tab, copy the “Installation access token”.' },
    { text: `Share the pages your scripts use with it: open a page → ${ADD_CONNECTION}.` },
  ],
  oauth: [
    // developers.notion.com/guides/connections-and-tokens/oauth-integrations/overview: an "OAuth
    // integration" limited to selected workspaces needs no Marketplace listing; its scope cannot change later.
    { text: 'Open Connections in the developer portal and your OAuth integration. For your own workspaces, Notion’s “OAuth integration” limited to the workspaces you select is the best fit (no public listing); a public integration works too.', open: { url: NOTION_URLS.connections, label: 'Open Connections' } },
    { text: 'Give it the capabilities in the checklist below.' },
    { text: 'Run its OAuth flow and copy the access token (access_token) from the code exchange’s answer.' },
    { text: 'The vault stores that access token but cannot refresh it. To have it refreshed, go Back and use “Connect with OAuth” instead.' },
  ],
};
