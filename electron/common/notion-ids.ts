// Notion page, database and data-source ids out of whatever a person pastes: a bare or dashed id,
// or a link copied from Notion. Pure: the CLI and the window both use it.
//
// URL shapes follow Notion's docs: the id is the 32 characters at the end of the path, after the
// workspace and the title slug, before any `?` (developers.notion.com/reference/retrieve-a-database,
// "Finding a database ID"; developers.notion.com/reference/retrieve-a-data-source). `?v=` names a
// view of a database; `?p=` is a page peeked over another one (the page is what was looked at).

export interface NotionTarget {
  /** The object's id, lowercase and dashed (8-4-4-4-12), as the API returns ids. */
  id: string;
  /** What the link itself says: a `?v=` view is one of a database's views, so the path names a database. */
  hint: 'database' | null;
  /** `notion.so/<workspace>/…` or `<workspace>.notion.site`: the workspace's domain, when the link has one. */
  workspaceSlug: string | null;
}

export type ParsedTarget = { ok: true; target: NotionTarget } | { ok: false; message: string };

const BARE = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The id at the end of a path segment: `Title-Slug-<32 hex>`, `<32 hex>` or a dashed id. */
const AT_END = /(?:^|[^0-9a-f])([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const MAX_INPUT = 2_000;

const FIX = 'give a link copied from Notion (••• → Copy link) or the 32-character id at its end';

/** The id of a page, database or data source in `input`, or why there is none (never echoing the input: it may be a token). */
export function parseNotionTarget(input: string): ParsedTarget {
  const text = input.trim().replace(/^[<"'`]+|[>"'`]+$/g, '');
  if (text === '') return refuse(`No page given: ${FIX}.`);
  if (text.length > MAX_INPUT) return refuse(`That is too long for a Notion link: ${FIX}.`);
  if (BARE.test(text) || DASHED.test(text)) return found(text, null, null);

  const url = asUrl(text);
  if (url === null) return refuse(`That is neither a Notion link nor an id: ${FIX}.`);
  const workspaceFromHost = siteWorkspace(url.hostname);
  if (workspaceFromHost === undefined) return refuse(`That link is not on notion.so, notion.com or notion.site: ${FIX}.`);

  // A peek (`?p=`) shows one page over another: the peeked page is the one the person means.
  const peek = url.searchParams.get('p');
  if (peek !== null && (BARE.test(peek) || DASHED.test(peek))) return found(peek, null, workspaceFromHost ?? pathWorkspace(url));

  const segments = url.pathname.split('/').filter((s) => s !== '');
  const last = segments.at(-1);
  const match = last === undefined ? null : AT_END.exec(decodeSegment(last));
  if (match?.[1] === undefined) return refuse(`That Notion link has no page id in it: ${FIX}.`);
  const hint = url.searchParams.has('v') ? 'database' : null;
  return found(match[1], hint, workspaceFromHost ?? pathWorkspace(url));
}

/** `8-4-4-4-12`, lowercase. */
export function dashedId(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function found(id: string, hint: NotionTarget['hint'], workspaceSlug: string | null): ParsedTarget {
  return { ok: true, target: { id: dashedId(id), hint, workspaceSlug } };
}

const refuse = (message: string): ParsedTarget => ({ ok: false, message });

/** The text as a URL: with or without `https://`; the desktop app's `notion://` links too. */
function asUrl(text: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text.replace(/^notion:\/\//i, 'https://') : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * undefined: not a Notion host. null: notion.so / notion.com (the workspace, if any, is in the path).
 * A string: the workspace of a `<workspace>.notion.site` page.
 */
function siteWorkspace(host: string): string | null | undefined {
  const name = host.toLowerCase();
  if (name === 'notion.so' || name.endsWith('.notion.so') || name === 'notion.com' || name.endsWith('.notion.com')) return null;
  if (name.endsWith('.notion.site')) return name.slice(0, -'.notion.site'.length) || null;
  return undefined;
}

/** `notion.so/<workspace>/<Title>-<id>`: the first of two or more segments. */
function pathWorkspace(url: URL): string | null {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  return segments.length >= 2 ? decodeSegment(segments[0] ?? '') || null : null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
