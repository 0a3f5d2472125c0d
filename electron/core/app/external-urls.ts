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

/** Loopback hosts an unpackaged app (dev, tests with the Notion emulator) may open over http:. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether main may open this OAuth authorize URL (built by the core from NOTION_API_BASE_URL) in
 * the browser. A packaged app opens https: only, even if NOTION_API_BASE_URL says otherwise;
 * unpackaged, http: on loopback is allowed too (the emulator). Never another scheme, never credentials.
 */
export function isAllowedAuthorize(url: string, packaged: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return false;
  if (parsed.protocol === 'https:') return true;
  return !packaged && parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
}
