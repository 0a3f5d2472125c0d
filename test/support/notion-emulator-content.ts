// Pages, databases and data sources for the Notion emulator (notion-emulator.ts), answered as
// Notion's reference documents them for API version 2025-09-03 and later:
//   GET /v1/pages/{id}         developers.notion.com/reference/retrieve-a-page (a page object; its
//                              title is the `title` property)
//   GET /v1/databases/{id}     developers.notion.com/reference/retrieve-a-database (the container:
//                              `title` and `data_sources: [{id, name}]`, no properties)
//   GET /v1/data_sources/{id}  developers.notion.com/reference/retrieve-a-data-source (`title`,
//                              `parent: {type: "database_id", database_id}`)
// Who sees what: an internal or OAuth connection sees what was shared with it (••• → Connections);
// a PAT sees what its creator can see (developers.notion.com/guides/get-started/personal-access-tokens).
// A data source has no permissions of its own: access follows its database
// (developers.notion.com/reference/database). An object nobody let this token see, one in another
// workspace, and an id of the wrong layer (a database id at /v1/data_sources, a page id at
// /v1/databases) all answer 404 object_not_found (developers.notion.com/reference/status-codes);
// the reference does not document the wrong-layer answer, and 404 is what integrations report
// seeing under 2026-03-11.

export type ContentKind = 'page' | 'database' | 'data_source';
export type ContentEndpoint = 'pages' | 'databases' | 'data_sources';

export interface ContentSpec {
  kind: ContentKind;
  title: string;
  /** The workspace it lives in (default 'Acme'); only tokens of that workspace can ever see it. */
  workspaceName?: string;
  /** Internal and OAuth tokens it is shared with. */
  sharedWith?: string[];
  /** People (by name) who can see it in Notion: the PATs they created see it too. */
  people?: string[];
  /** Data sources: the database holding it. Databases list their data sources from these. */
  databaseId?: string;
}

/** What a token is, as far as seeing content goes. */
export interface Viewer {
  token: string;
  kind: 'pat' | 'connection';
  /** PATs: the person who created it. */
  creator: string;
  workspaceName: string;
  /** false: the token lacks the content-reading capability (403 restricted_resource). */
  readContent: boolean;
}

export type ContentAnswer =
  | { status: 200; body: Record<string, unknown> }
  | { status: 403 | 404; code: string; message: string };

const KIND_OF: Readonly<Record<ContentEndpoint, ContentKind>> = { pages: 'page', databases: 'database', data_sources: 'data_source' };
const NOUN: Readonly<Record<ContentEndpoint, string>> = { pages: 'page', databases: 'database', data_sources: 'data source' };

/** `/v1/pages/<id>` and friends: the endpoint and the id as given (dashed or not). */
export function contentRoute(method: string, path: string): { endpoint: ContentEndpoint; id: string } | null {
  const match = /^\/v1\/(pages|databases|data_sources)\/([^/]+)$/.exec(path);
  if (method !== 'GET' || match === null) return null;
  return { endpoint: match[1] as ContentEndpoint, id: decodeURIComponent(match[2] ?? '') };
}

const normalId = (id: string): string => id.replace(/-/g, '').toLowerCase();

export class ContentStore {
  private readonly objects = new Map<string, { id: string; spec: ContentSpec }>();

  /** Add or replace an object; `id` dashed or bare. */
  set(id: string, spec: ContentSpec): void {
    this.objects.set(normalId(id), { id: dashed(id), spec: { ...spec } });
  }

  /** Share an object with one more token, or let one more person see it. */
  share(id: string, with_: { token?: string; person?: string }): void {
    const found = this.objects.get(normalId(id));
    if (found === undefined) throw new Error('Notion emulator: share() on an object that was never set');
    if (with_.token !== undefined) found.spec.sharedWith = [...(found.spec.sharedWith ?? []), with_.token];
    if (with_.person !== undefined) found.spec.people = [...(found.spec.people ?? []), with_.person];
  }

  answer(endpoint: ContentEndpoint, id: string, viewer: Viewer): ContentAnswer {
    const found = this.objects.get(normalId(id));
    const missing: ContentAnswer = {
      status: 404, code: 'object_not_found',
      message: `Could not find ${NOUN[endpoint]} with ID: ${dashed(id)}. Make sure the relevant pages and databases are shared with your integration.`,
    };
    if (found === undefined || found.spec.kind !== KIND_OF[endpoint] || !this.sees(viewer, found.spec)) return missing;
    if (!viewer.readContent) return { status: 403, code: 'restricted_resource', message: 'API token does not have access to this resource.' };
    return { status: 200, body: this.body(found.id, found.spec) };
  }

  private sees(viewer: Viewer, spec: ContentSpec): boolean {
    if ((spec.workspaceName ?? 'Acme') !== viewer.workspaceName) return false;
    // A data source has no permissions of its own: whoever sees its database sees it.
    const holder = spec.kind === 'data_source' && spec.databaseId !== undefined ? this.objects.get(normalId(spec.databaseId))?.spec ?? spec : spec;
    return viewer.kind === 'pat' ? (holder.people ?? []).includes(viewer.creator) : (holder.sharedWith ?? []).includes(viewer.token);
  }

  private body(id: string, spec: ContentSpec): Record<string, unknown> {
    const title = [{ type: 'text', text: { content: spec.title, link: null }, plain_text: spec.title, href: null }];
    const common = { id, created_time: '2026-01-05T09:00:00.000Z', last_edited_time: '2026-01-05T09:00:00.000Z', in_trash: false };
    const url = `https://www.notion.so/${spec.title.replace(/[^A-Za-z0-9]+/g, '-')}-${normalId(id)}`;
    switch (spec.kind) {
      case 'page':
        return { object: 'page', ...common, parent: { type: 'workspace', workspace: true }, properties: { Name: { id: 'title', type: 'title', title } }, url, public_url: null };
      case 'database': {
        const dataSources = [...this.objects.values()].filter((o) => o.spec.kind === 'data_source' && o.spec.databaseId !== undefined && normalId(o.spec.databaseId) === normalId(id));
        return { object: 'database', ...common, title, description: [], is_inline: false, parent: { type: 'workspace', workspace: true }, data_sources: dataSources.map((o) => ({ id: o.id, name: o.spec.title })), url, public_url: null };
      }
      case 'data_source':
        return { object: 'data_source', ...common, title, description: [], properties: {}, parent: { type: 'database_id', database_id: spec.databaseId === undefined ? null : dashed(spec.databaseId) }, database_parent: { type: 'workspace', workspace: true } };
    }
  }
}

function dashed(id: string): string {
  const hex = normalId(id);
  if (!/^[0-9a-f]{32}$/.test(hex)) return id;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
