import type { Client } from '@notionhq/client';
import { notSharedAdvice, rejectedCause, restrictedAdvice } from '../../common/advice';
import type { NotionTarget } from '../../common/notion-ids';
import type { Reason, WhichAnswer, WhichReport } from '../../common/page-access';
import { outsideName } from '../../common/outside-text';
import { effectiveStatus } from '../../common/status';
import type { Entry } from '../../common/types';
import type { Vault } from '../vault/vault';
import { spreadChecks } from './check-entries';
import type { CheckOptions } from './check-token';
import { seePage, type Sight } from './see-page';

export type { WhichAnswer, WhichReport } from '../../common/page-access';

// `notion-vault which`: ask Notion, with every stored token, whether it sees one page, database or
// data source, and say why each one that does not cannot. Requests go through the workspace lanes
// (workspace-lanes.ts), like every check. An object lives in one workspace: once a token sees it,
// tokens of other workspaces are not asked (they never could) but told so.

export interface WhichOptions extends CheckOptions {
  clock?: () => Date;
  concurrency?: number;
}

/** Which of `entries` see `target`, and why the others do not. */
export async function which(vault: Vault, client: Client, entries: readonly Entry[], target: NotionTarget, { clock = () => new Date(), ...options }: WhichOptions = {}): Promise<WhichReport> {
  const now = clock();
  const first: { found: { sight: Extract<Sight, { sees: true }>; entry: Entry } | null } = { found: null };
  // An expired PAT answers 401 to everything: it is not asked.
  const asked = entries.filter((e) => effectiveStatus(e, now) !== 'expired');
  const { results } = await spreadChecks(asked, options, async (entry, laned): Promise<Sight | 'elsewhere'> => {
    if (first.found !== null && otherWorkspace(entry, first.found.entry)) return 'elsewhere';
    const sight = await seePage(client, await vault.secret(entry), target, first.found?.sight.type ?? null, laned);
    if (sight.sees) first.found ??= { sight, entry };
    return sight;
  });
  const seen = first.found;
  const answers = byUse(entries.map((entry) => answerFor(entry, results.get(entry.id), seen?.entry ?? null, now)));
  const verdict = answers.some((a) => a.sees) ? 'seen' : answers.some((a) => a.reason === 'undecided') ? 'undecided' : 'unseen';
  return {
    target,
    type: seen?.sight.type ?? null,
    title: seen?.sight.title ?? null,
    idAdvice: seen === null ? null : idAdvice(seen.sight),
    verdict,
    answers: verdict === 'seen' ? answers : answers.map((a) => (a.reason === 'not-shared' || a.reason === 'creator-cannot-see' ? { ...a, fix: `${a.fix ?? ''}, or it is in another workspace` } : a)),
  };
}

/** What a person reads first: who sees it, then the fixes that would make one see it, then the rest. */
const RANK: Readonly<Record<Reason, number>> = { sees: 0, 'not-shared': 1, 'creator-cannot-see': 1, restricted: 1, undecided: 2, invalid: 3, expired: 3, 'other-workspace': 4 };
const byUse = (answers: WhichAnswer[]): WhichAnswer[] => answers.sort((a, b) => RANK[a.reason] - RANK[b.reason]); // stable: vault order within a rank

/** Known to be in different workspaces (an entry without a workspace id or name may be in any). */
function otherWorkspace(a: Entry, b: Entry): boolean {
  if (a.workspaceId !== null && b.workspaceId !== null) return a.workspaceId !== b.workspaceId;
  return a.workspaceName !== null && b.workspaceName !== null && a.workspaceName !== b.workspaceName;
}

function answerFor(entry: Entry, sight: Sight | 'elsewhere' | undefined, holder: Entry | null, now: Date): WhichAnswer {
  const base = { entryId: entry.id, name: entry.name, kind: entry.kind, workspaceName: entry.workspaceName };
  const no = (reason: Reason, fix: string): WhichAnswer => ({ ...base, sees: false, reason, fix });
  if (sight === undefined) {
    return no('expired', `it expired on ${(entry.expiresAt ?? now.toISOString()).slice(0, 10)}: create a new token in Notion, then rotate this entry`);
  }
  const elsewhere = (): WhichAnswer => no('other-workspace', `it is in ${outsideName(holder?.workspaceName ?? 'another workspace')}, and this token belongs to ${outsideName(entry.workspaceName ?? 'another one')}`);
  if (sight === 'elsewhere') return elsewhere();
  if (sight.sees) return { ...base, sees: true, reason: 'sees', fix: null };
  switch (sight.why) {
    case 'not-found':
      // Asked before the holder was found, from another workspace: that is why, not sharing.
      if (holder !== null && otherWorkspace(entry, holder)) return elsewhere();
      return no(entry.kind === 'pat' ? 'creator-cannot-see' : 'not-shared', notSharedAdvice(entry.kind, entry.kind === 'pat' ? null : entry.identity?.name ?? null, entry.kind === 'pat' ? entry.identity?.name ?? null : null));
    case 'restricted':
      return no('restricted', restrictedAdvice(entry.kind));
    case 'unauthorized':
      return no('invalid', `Notion rejects this token (${rejectedCause(entry.kind)}): create a new one, then rotate this entry`);
    case 'undecided':
      return no('undecided', sight.message);
  }
}

/** Since 2025-09-03 a database (the container) and its data sources (the tables) have different ids. */
function idAdvice(sight: Extract<Sight, { sees: true }>): string | null {
  if (sight.type === 'database') {
    const sources = sight.related.slice(0, 3).map((s) => (s.name === null ? s.id : `${s.id} (${outsideName(s.name)})`));
    if (sources.length === 0) return null;
    return `This is a database id: where the API wants a data-source id (query it, create pages in it; API 2025-09-03 and later), use ${sources.join(' or ')}.`;
  }
  if (sight.type === 'data_source') {
    const [database] = sight.related;
    return database === undefined ? null : `This is a data-source id: where the API wants the database id (retrieve or update the database; the link in Notion), use ${database.id}.`;
  }
  return null;
}
