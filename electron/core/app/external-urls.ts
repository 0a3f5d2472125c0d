/** Hosts the app may open in the browser: Notion's own pages (developer portal, tokens, integrations). */
const NOTION_HOSTS = new Set(['www.notion.so', 'notion.so', 'developers.notion.com', 'www.notion.com', 'notion.com']);

/** True for https: URLs on Notion's hosts only; anything else (file:, http:, other hosts) is refused. */
export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && NOTION_HOSTS.has(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
