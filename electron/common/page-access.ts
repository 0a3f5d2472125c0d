import type { NotionTarget } from './notion-ids';
import type { TokenKind } from './types';

// What `which` and "Can it see this page?" answer: shared by the core, the CLI and the window.

export type ObjectType = 'page' | 'database' | 'data_source';

export const OBJECT_LABEL: Readonly<Record<ObjectType, string>> = { page: 'page', database: 'database', data_source: 'data source' };

export type Reason =
  | 'sees' | 'not-shared' | 'creator-cannot-see' | 'other-workspace' | 'restricted' | 'invalid' | 'expired' | 'undecided';

export interface WhichAnswer {
  entryId: string;
  name: string;
  kind: TokenKind;
  workspaceName: string | null;
  sees: boolean;
  reason: Reason;
  /** What to do, in our words; null when it sees it. */
  fix: string | null;
}

export interface WhichReport {
  target: NotionTarget;
  /** What the id is, once a token saw it. */
  type: ObjectType | null;
  /** As Notion sent it: every face shows it through its sanitizer. */
  title: string | null;
  /** A database id where a data-source id is wanted, or the reverse (API 2025-09-03 and later): which id to use. */
  idAdvice: string | null;
  /** `seen`: some token sees it; `unseen`: Notion said no for every token; `undecided`: none sees it and Notion could not say for some. */
  verdict: 'seen' | 'unseen' | 'undecided';
  answers: WhichAnswer[];
}
