import type { TokenHint } from './token-text';
import type { Entry, Identity, Settings, Status, TokenKind } from './types';

// The one contract between the vault window and the main process: channel → handler signature.
// Main registers handlers from it, preload derives `window.vault` from it, and the renderer sees
// only what is here. Nothing here carries a secret to the renderer except `vault:reveal`.

/** An entry as the window shows it: stored metadata plus what it means now. Never a secret. */
export interface EntrySummary extends Entry {
  shownStatus: Status;
  daysLeft: number | null;
  attention: string | null;
  /** When a secret of it last left the vault (access.log), or null if never. */
  lastUsedAt: string | null;
  /** Days nothing has used it, once that reaches the setting unusedDays (then the window advises revoking it); else null. */
  unusedDays: number | null;
}

/**
 * Where the token to inspect comes from: pasted text, the clipboard (read by main, so the
 * window never holds it), or a draft inspected before (check again, e.g. after sharing a page).
 */
export type InspectSource = { text: string } | { clipboard: true } | { draftId: string };

/**
 * A token main has normalized, checked live and holds in memory for a while (a draft), so the
 * wizard can show what Notion said and then save it without sending the secret again.
 */
export interface Inspection {
  draftId: string;
  /** The token as it may be shown: `ntn_…a1b2`. */
  redacted: string;
  prefix: TokenHint;
  check: InspectedCheck;
  /** The name of the entry that already holds this very secret, if any: it cannot be added twice. */
  duplicateOf: string | null;
  /** A free name from the workspace and kind (`acme-pat`). */
  suggestedName: string;
}

export type InspectedCheck =
  | {
    result: 'ok';
    identity: Identity;
    workspaceId: string | null;
    workspaceName: string | null;
    /** The kind Notion's answer implies; null when a user-owned bot could be a PAT or an OAuth token. */
    kind: TokenKind | null;
    pagesShared: boolean | null;
  }
  /** Notion refused it (401): the message says why and what to do. */
  | { result: 'unauthorized'; message: string }
  /** Notion could not be asked (offline, timeout, overload): it can still be saved, unchecked. */
  | { result: 'unknown'; message: string };

/** What the clipboard holds, as far as the window may know: whether it looks like a token, and its redacted form. */
export interface ClipboardPeek {
  token: boolean;
  redacted: string | null;
}

/** A token the person pasted, submitted once; main normalizes, checks and stores it. Either `text` or an inspected `draftId`. */
export interface AddRequest {
  text?: string;
  draftId?: string;
  name?: string;
  kind?: TokenKind;
  workspace?: string;
  /** PATs: when it was created in Notion, and when it expires (ISO dates). */
  createdAt?: string;
  expiresAt?: string;
  check?: boolean;
}

/** The replacement token for an entry; for PATs, the new token's dates. */
export interface RotateRequest {
  text: string;
  createdAt?: string;
  expiresAt?: string;
}

export interface StoredResult {
  entry: EntrySummary;
  /** Things the person should know (assumed expiry, no pages shared, Notion unreachable). */
  warnings: string[];
}

/** A public integration registered for OAuth, as the window shows it. Never its client secret. */
export interface IntegrationSummary {
  id: string;
  name: string;
  clientId: string;
  redirectPort: number;
  /** `http://localhost:PORT/callback`: what to add to the integration's OAuth settings in Notion. */
  redirectUri: string;
  /** How many entries were connected through it (it cannot be removed while any are). */
  connections: number;
}

/** A public integration to register. The client secret crosses once, like a pasted token; main keeps it in the keychain. */
export interface NewIntegrationRequest {
  name: string;
  clientId: string;
  clientSecret: string;
  /** Default 51723. */
  redirectPort?: number;
}

/** Connect a workspace through a registered integration; `name` defaults to workspace + "oauth". */
export interface OAuthConnectRequest {
  integrationId: string;
  name?: string;
}

export interface RemoveOptions {
  /** Connected OAuth entries: revoke the token in Notion first; if Notion cannot be asked, nothing is removed. */
  revoke?: boolean;
}

export interface IpcContract {
  'vault:list': () => EntrySummary[];
  /** Check these entries now (all when empty); returns them as they are afterwards. */
  'vault:check': (ids: string[]) => EntrySummary[];
  /** Normalize and check a token without storing it; main keeps it as a draft for `vault:add`. */
  'token:inspect': (source: InspectSource) => Inspection;
  /** Forget a draft (the wizard was closed). */
  'token:discard': (draftId: string) => null;
  /** Whether the clipboard holds something that looks like a token (never the token itself). */
  'clipboard:peek': () => ClipboardPeek;
  'vault:add': (request: AddRequest) => StoredResult;
  'vault:rotate': (id: string, request: RotateRequest) => StoredResult;
  'vault:rename': (id: string, name: string) => EntrySummary;
  'vault:remove': (id: string, options?: RemoveOptions) => null;
  /** Main copies; the renderer never holds the secret. Returns when the clipboard will be cleared (ms), or null. */
  'vault:copy': (id: string, format: CopyFormat) => number | null;
  /** The one channel that returns a secret: an explicit reveal in the details view. */
  'vault:reveal': (id: string) => string;
  'settings:get': () => Settings;
  'settings:set': (patch: Partial<Settings>) => Settings;
  /** Only https: URLs on Notion's hosts open; anything else is refused. */
  'app:open-external': (url: string) => null;
  /** The window saw the network come back: check what could not be checked. */
  'app:online': () => null;
  /** The window has mounted: where the tray asked it to go while it was loading (null: stay). */
  'app:pending-view': () => NavigateTarget | null;
  /** What the window says about the app itself: how launch at login applies, where the log is. */
  'app:info': () => AppInfo;
  'integrations:list': () => IntegrationSummary[];
  'integrations:add': (request: NewIntegrationRequest) => IntegrationSummary;
  /** Refused while entries connected through it remain (they need it to refresh). */
  'integrations:remove': (id: string) => null;
  /** Main copies the redirect URI (no secret: it is not cleared). */
  'integrations:copy-redirect-uri': (id: string) => null;
  /**
   * Main opens Notion's authorization page in the browser, waits for the redirect to its loopback
   * listener and stores the tokens. One at a time; resolves once connected (or refused, timed out, cancelled).
   */
  'oauth:connect': (request: OAuthConnectRequest) => StoredResult;
  /** Stop waiting for the pending connect: nothing is stored. */
  'oauth:cancel': () => null;
}

export type CopyFormat = 'token' | 'env';

export interface AppInfo {
  /** `os`: the setting registers this app with the OS; `installed-app-only`: a development run registers nothing. */
  loginItem: 'os' | 'installed-app-only';
  /** The app's log file, or null where there is none (the browser harness). */
  logFile: string | null;
  /** Main's clock when it answered (NOTION_VAULT_NOW when set): the window counts days from the moment main does. */
  now: string;
}

/** What the app's face says about itself; main adds its clock. */
export type AppFacts = Omit<AppInfo, 'now'>;

export type Channel = keyof IpcContract;
export type Args<C extends Channel> = Parameters<IpcContract[C]>;
export type Result<C extends Channel> = ReturnType<IpcContract[C]>;

/** Every channel, for the preload to expose and main to register; a test checks both match. */
export const CHANNELS = [
  'vault:list', 'vault:check', 'token:inspect', 'token:discard', 'clipboard:peek', 'vault:add', 'vault:rotate', 'vault:rename', 'vault:remove',
  'vault:copy', 'vault:reveal', 'settings:get', 'settings:set', 'app:open-external', 'app:online', 'app:pending-view', 'app:info',
  'integrations:list', 'integrations:add', 'integrations:remove', 'integrations:copy-redirect-uri', 'oauth:connect', 'oauth:cancel',
] as const satisfies readonly Channel[];

/** What main tells the window (no replies): where to go, and that the vault changed. */
export interface IpcEvents {
  'ui:navigate': (target: NavigateTarget) => void;
  'vault:changed': () => void;
}
export type NavigateTarget = { view: 'list' | 'add' | 'settings' } | { view: 'details'; id: string };
export type EventName = keyof IpcEvents;
export const EVENTS = ['ui:navigate', 'vault:changed'] as const satisfies readonly EventName[];

/** Channels whose result may hold a secret. */
export const SECRET_CHANNELS: readonly Channel[] = ['vault:reveal'];

/** What crosses the wire: errors travel as values so the window gets our one-line message, not Electron's wrapper text. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; message: string };

/** `window.vault`: each channel as an async function that throws an Error with the one-line message, plus event subscriptions. */
export type VaultApi = { [C in Channel as ApiName<C>]: (...args: Args<C>) => Promise<Result<C>> } & {
  on: <E extends EventName>(event: E, listener: IpcEvents[E]) => () => void;
};
type ApiName<C extends string> = C extends `${infer Scope}:${infer Name}` ? `${Scope}${Capitalize<CamelCase<Name>>}` : never;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

export function apiName<C extends Channel>(channel: C): ApiName<C> {
  const [scope = '', name = ''] = channel.split(':');
  const camel = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return `${scope}${camel.charAt(0).toUpperCase()}${camel.slice(1)}` as ApiName<C>;
}
