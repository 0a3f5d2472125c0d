import type { Client } from '@notionhq/client';
import type { NotionTarget } from '../../common/notion-ids';
import type { ObjectType } from '../../common/page-access';
import type { Failure } from './classify-error';
import { request, withLane, type CheckOptions } from './check-token';

// Can one token see one object? Since API version 2025-09-03 an id is a page's, a database's (the
// container) or a data source's (a table in it), each retrieved at its own endpoint
// (developers.notion.com/guides/get-started/upgrade-guide-2025-09-03):
//   GET /v1/pages/{id}         developers.notion.com/reference/retrieve-a-page
//   GET /v1/databases/{id}     developers.notion.com/reference/retrieve-a-database (lists data_sources)
//   GET /v1/data_sources/{id}  developers.notion.com/reference/retrieve-a-data-source (parent database_id)
// An id asked at the wrong endpoint, or not shared, answers 404 object_not_found
// (developers.notion.com/reference/status-codes); 400 validation_error is taken the same way, as
// the reference does not say which a wrong-layer id gets. So the endpoints are tried in turn.


export type Sight =
  | {
    sees: true;
    type: ObjectType;
    title: string | null;
    /** A database's data sources; a data source's database (as `[{ id, name: null }]`). */
    related: { id: string; name: string | null }[];
  }
  /** Every endpoint answered "not found": not shared, not visible to its creator, or in another workspace. */
  | { sees: false; why: 'not-found' }
  /** 403 restricted_resource: it lacks the capability to read content. */
  | { sees: false; why: 'restricted' }
  | { sees: false; why: 'unauthorized'; message: string }
  /** Notion could not say: unreachable, rate-limited, overloaded, a malformed answer. */
  | { sees: false; why: 'undecided'; message: string; retryAfterMs: number | null };

type Endpoint = ObjectType;

const ORDER: Readonly<Record<'page' | 'database', readonly Endpoint[]>> = {
  page: ['page', 'database', 'data_source'],
  // A `?v=` link names a database: ask that first.
  database: ['database', 'data_source', 'page'],
};

/** Ask Notion with `token` what `target` is and whether it can see it; `known`: the type another token already found. */
export async function seePage(client: Client, token: string, target: NotionTarget, known: ObjectType | null, options: CheckOptions = {}): Promise<Sight> {
  const laned = withLane(options);
  const order = known !== null ? [known] : ORDER[target.hint ?? 'page'];
  for (const endpoint of order) {
    const answer = await request(() => retrieve(client, token, endpoint, target.id), laned);
    if (answer.ok) return read(endpoint, answer.value);
    const verdict = fromFailure(answer.failure);
    if (verdict !== null) return verdict;
  }
  return { sees: false, why: 'not-found' };
}

function retrieve(client: Client, auth: string, endpoint: Endpoint, id: string): Promise<unknown> {
  switch (endpoint) {
    case 'page':
      return client.pages.retrieve({ auth, page_id: id });
    case 'database':
      return client.databases.retrieve({ auth, database_id: id });
    case 'data_source':
      return client.dataSources.retrieve({ auth, data_source_id: id });
  }
}

/** null: not at this endpoint, try the next one. */
function fromFailure(failure: Failure): Sight | null {
  if (failure.code === 'object_not_found' || failure.code === 'validation_error') return null;
  if (failure.kind === 'unauthorized') return { sees: false, why: 'unauthorized', message: failure.message };
  if (failure.code === 'restricted_resource') return { sees: false, why: 'restricted' };
  return { sees: false, why: 'undecided', message: failure.message, retryAfterMs: failure.kind === 'retry' ? failure.retryAfterMs : null };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** What Notion's answer says, without trusting its shape. */
function read(type: ObjectType, answer: unknown): Sight {
  const body = isRecord(answer) ? answer : {};
  if (type === 'page') {
    const properties = isRecord(body.properties) ? Object.values(body.properties) : [];
    const titled = properties.find((p) => isRecord(p) && p.type === 'title');
    return { sees: true, type, title: plainText(isRecord(titled) ? titled.title : null), related: [] };
  }
  if (type === 'database') {
    const sources = Array.isArray(body.data_sources) ? body.data_sources : [];
    const related = sources.flatMap((s) => (isRecord(s) && str(s.id) !== null ? [{ id: str(s.id) ?? '', name: str(s.name) }] : []));
    return { sees: true, type, title: plainText(body.title), related };
  }
  const parent = isRecord(body.parent) ? str(body.parent.database_id) : null;
  return { sees: true, type, title: plainText(body.title), related: parent === null ? [] : [{ id: parent, name: null }] };
}

/** A rich-text array's plain text, or null. */
function plainText(richText: unknown): string | null {
  if (!Array.isArray(richText)) return null;
  const text = richText.map((part) => (isRecord(part) && typeof part.plain_text === 'string' ? part.plain_text : '')).join('');
  return text === '' ? null : text;
}
