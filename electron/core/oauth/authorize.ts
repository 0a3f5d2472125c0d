import { randomBytes } from 'node:crypto';

/** A fresh `state` per connect attempt: the callback must bring it back, or it is not ours. */
export const newState = (): string => randomBytes(24).toString('base64url');

export interface AuthorizeParams {
  /** `NOTION_API_BASE_URL` or https://api.notion.com. */
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}

/** Notion's authorization page for a public integration (no PKCE: the code exchange needs the client secret). */
export function authorizeUrl({ baseUrl, clientId, redirectUri, state }: AuthorizeParams): string {
  const query = new URLSearchParams({ owner: 'user', client_id: clientId, redirect_uri: redirectUri, response_type: 'code', state });
  return `${baseUrl.replace(/\/+$/, '')}/v1/oauth/authorize?${query.toString()}`;
}
