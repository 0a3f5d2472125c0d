// The vault's vocabulary, shared by the core, the CLI, main, preload and renderer.
// Nothing here ever holds a secret.

export const TOKEN_KINDS = ['pat', 'internal', 'oauth'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const STATUSES = ['unchecked', 'valid', 'expiring', 'expired', 'invalid', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

export interface Identity {
  type: 'bot' | 'person';
  id: string;
  name: string | null;
}

export interface CheckError {
  /** Notion's error code (`unauthorized`, `rate_limited`…) or ours (`network`, `timeout`, `malformed`). */
  code: string;
  /** One line for a person; never contains a secret. */
  message: string;
  at: string;
}

export interface Entry {
  id: string;
  name: string;
  kind: TokenKind;
  workspaceId: string | null;
  workspaceName: string | null;
  identity: Identity | null;
  /** When the token was created in Notion (ISO). */
  createdAt: string;
  /** PATs only: when Notion stops accepting it (ISO). */
  expiresAt: string | null;
  addedAt: string;
  /** The last check's verdict (`unchecked`, `valid`, `invalid`, `unknown`); expiry is applied on top when shown (status.ts). */
  status: Status;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  lastError: CheckError | null;
  /** The last verdict a check reached (`valid` or `invalid`); kept while checks fail transiently. */
  lastDecided: { status: 'valid' | 'invalid'; at: string } | null;
  pagesShared: boolean | null;
  /** Expiry thresholds (days before `expiresAt`; 0 = on expiry) already announced. */
  warned: number[];
  /** When the monitor checks next (null: derived from `lastCheckedAt`, see monitor/schedule.ts). */
  nextCheckAt: string | null;
  /** Checks in a row that could not decide; drives the backoff. */
  failStreak: number;
  /** What happened to the token, oldest first: adds, rotations and every change of a check's verdict (at most HISTORY_LIMIT). */
  history: HistoryItem[];
  /**
   * OAuth tokens got with `connect`: the public integration (its id) that refreshes them.
   * null (or absent, in files written before OAuth connect) for every other token, pasted OAuth tokens included.
   */
  integrationId?: string | null;
  /** The variables `run`, `export` and `mcp` set to this token (`notion-vault env`); null or absent: NOTION_TOKEN and NOTION_API_KEY. */
  envVars?: string[] | null;
  /**
   * When a secret of it last left the vault, as far as access.log no longer tells: its rotation
   * carries each entry's last use here before the oldest lines go (core/handout/access-log.ts).
   */
  lastUsedAt?: string | null;
}

/** A folder bound to an entry with `notion-vault link`: the default for it and every folder below. */
export interface FolderLink {
  /** The folder's real path. */
  path: string;
  entryId: string;
  at: string;
}

/**
 * A public integration the person brought for OAuth (Notion has no PKCE, so the app ships no
 * client secret). Its client secret is in the keychain (account `integration:<id>`), never here.
 */
export interface Integration {
  id: string;
  /** A unique label, as in `connect --integration NAME`. */
  name: string;
  /** Notion's OAuth client id (not a secret: it is part of the authorize URL). */
  clientId: string;
  /** The loopback port of the redirect URI `http://localhost:PORT/callback` registered in Notion. */
  redirectPort: number;
  addedAt: string;
}

export interface HistoryItem {
  at: string;
  event: 'added' | 'rotated' | 'checked';
  /** The verdict at that moment (`unchecked` for an add without a check). */
  status: Status;
  /** Why, for a failed check (Notion's message or ours); never a secret. */
  message: string | null;
}

/** History keeps the newest items only: one per change of verdict, so this covers months. */
export const HISTORY_LIMIT = 20;

/** The `settings` section of vault.json, read by the app and the CLI alike. */
export interface Settings {
  checkIntervalHours: number;
  /** Days before a PAT's expiry at which to warn; expiry itself is always announced. */
  thresholdsDays: number[];
  notifications: boolean;
  /** Clear a copied token from the clipboard after this long, if it is still there (0 = never). */
  clipboardClearSeconds: number;
  launchAtLogin: boolean;
  /** Flag an entry whose secret has not left the vault for this many days (0 = never). */
  unusedDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  checkIntervalHours: 6,
  thresholdsDays: [30, 14, 7, 3, 1],
  notifications: true,
  clipboardClearSeconds: 30,
  launchAtLogin: false,
  unusedDays: 90,
};
