import { invalidTokenMessage } from '../../common/advice';
import { attentionHint, daysLeft, effectiveStatus, unusedFor } from '../../common/status';
import type { AppFacts, Args, Channel, CopyFormat, EntrySummary, NavigateTarget, Result } from '../../common/ipc-contract';
import { suggestName } from '../../common/names';
import { parseNotionTarget } from '../../common/notion-ids';
import type { WhichReport } from '../../common/page-access';
import { normalizeTokenText, redactToken, tokenHint } from '../../common/token-text';
import { DEFAULT_SETTINGS, type Entry, type Settings } from '../../common/types';
import type { AccessLog } from '../handout/access-log';
import type { HandOutAction } from '../handout/access-record';
import { checkToken, type CheckOutcome } from '../check/check-token';
import { impliedKind } from '../check/read-me';
import { which } from '../check/which';
import { usageError } from '../errors';
import type { Monitor } from '../monitor/monitor';
import { addToken, type Phrasing, type VaultDeps } from '../vault/add-token';
import { rotateToken } from '../vault/rotate-token';
import { entryGone } from '../vault/vault';
import type { ClipboardGuard } from './clipboard-guard';
import { isAllowedExternal } from './external-urls';
import { createOAuthHandlers, type OAuthFace } from './oauth-handlers';
import { TokenDrafts } from './token-drafts';

export type Handlers = { [C in Channel]: (...args: Args<C>) => Promise<Result<C>> };

export interface HandlerDeps extends VaultDeps {
  monitor: Monitor;
  clipboard: ClipboardGuard;
  openExternal: (url: string) => Promise<void>;
  /** Told after every change, so the tray and the window can refresh. */
  changed: () => void;
  /** Connect with OAuth from the window; without it, oauth:connect is refused. */
  oauth?: OAuthFace;
  /** Where the tray asked the window to go while it was loading (view-requests.ts); without it, nowhere. */
  pendingView?: () => NavigateTarget | null;
  /** The app's own facts for the window; without it, a development run with no log file. */
  info?: () => AppFacts;
  /** Where copies and reveals are recorded, and "last used" comes from; without it, neither. */
  accessLog?: AccessLog;
}

/** Who took the secret: the tray's menu or the window (the access log's `program`). */
export type HandOutFace = 'tray' | 'window';

const WINDOW_PHRASING: Phrasing = {
  chooseKind: (kind) => `choose “${kind === 'pat' ? 'Personal access token' : kind === 'internal' ? 'Internal integration' : 'OAuth'}”`,
  giveExpiry: 'set the expiry Notion showed',
  checkLater: () => 'use Check now later',
};

/** The main process's answer to every channel of the IPC contract. Electron-free, so it is tested as is. */
export function createVaultHandlers(deps: HandlerDeps): Handlers {
  const { vault, clock, monitor } = deps;
  const drafts = new TokenDrafts(clock);
  const summaries = async (ids?: readonly string[]): Promise<EntrySummary[]> => {
    const { entries, settings } = await vault.snapshot();
    const shown = entries.filter((e) => !ids || ids.includes(e.id));
    const used = (await deps.accessLog?.lastUsed(shown)) ?? new Map<string, string>();
    return shown.map((e) => summarize(e, clock(), settings, used.get(e.id) ?? null));
  };
  const one = async (id: string): Promise<EntrySummary> => {
    const [entry] = await summaries([id]);
    if (!entry) throw entryGone();
    return entry;
  };
  const token = (text: string): string => {
    const result = normalizeTokenText(text);
    if (!result.ok) throw usageError(result.message);
    return result.token;
  };
  const fromClipboard = async (): Promise<string> => {
    const result = normalizeTokenText(await deps.clipboard.read());
    if (!result.ok) throw usageError('The clipboard holds no token: copy the token in Notion, then try again.');
    return result.token;
  };
  const after = async <T>(work: Promise<T>): Promise<T> => {
    const value = await work;
    deps.changed();
    return value;
  };

  return {
    ...createOAuthHandlers(deps, { one, after }),
    'vault:list': () => summaries(),
    'vault:check': async (ids) => {
      const all = ids.length > 0 ? ids : (await vault.entries()).map((e) => e.id);
      await after(monitor.checkNow(all));
      return summaries(all);
    },
    'vault:which': async (link) => askPage(deps, await vault.entries(), link),
    'vault:check-page': async (id, link) => askPage(deps, [await vault.findById(id)], link),
    'token:inspect': async (source) => {
      const held = 'draftId' in source ? source.draftId : undefined;
      const secret = held !== undefined ? drafts.get(held).secret : 'text' in source ? token(source.text) : await fromClipboard();
      await deps.probe(); // the duplicate search below reads the keychain: a locked one would answer "none"
      const outcome = await checkToken(await deps.client(), secret);
      const draftId = drafts.put(secret, outcome, held);
      const [holder, entries] = await Promise.all([vault.holder(secret), vault.entries()]);
      const check = inspected(outcome);
      const workspace = check.result === 'ok' ? check.workspaceName : null;
      const kind = check.result === 'ok' ? check.kind ?? 'pat' : 'pat';
      return {
        draftId, check, redacted: redactToken(secret), prefix: tokenHint(secret), duplicateOf: holder?.name ?? null,
        suggestedName: suggestName(workspace, kind, new Set(entries.map((e) => e.name))),
      };
    },
    'token:discard': (draftId) => {
      drafts.discard(draftId);
      return Promise.resolve(null);
    },
    'clipboard:peek': async () => {
      const result = normalizeTokenText(await deps.clipboard.read());
      // Only a known prefix counts: any long word (a URL, a hash) would pass the plausibility rules.
      const looks = result.ok && tokenHint(result.token) !== 'other';
      return { token: looks, redacted: looks ? redactToken(result.token) : null };
    },
    'vault:add': async (request) => {
      const { draftId } = request;
      const draft = draftId === undefined ? null : drafts.get(draftId);
      if (draft === null && request.text === undefined) throw usageError('Paste a token first.');
      const result = await after(addToken({ ...deps, say: WINDOW_PHRASING }, {
        secret: draft?.secret ?? token(request.text ?? ''), checked: draft?.outcome, name: request.name, kind: request.kind, workspace: request.workspace,
        created: request.createdAt, expires: request.expiresAt, check: request.check ?? true,
      }));
      if ('refused' in result) throw usageError(`Not stored: ${result.refused}`);
      if (draftId !== undefined) drafts.discard(draftId);
      return { entry: await one(result.stored.id), warnings: result.warnings };
    },
    'vault:rotate': async (id, request) => {
      const entry = await vault.findById(id);
      const say = { giveExpiry: WINDOW_PHRASING.giveExpiry, skipCheck: 'try again when Notion can be reached' };
      const flags = { check: true, created: request.createdAt, expires: request.expiresAt };
      const result = await after(rotateToken({ ...deps, say }, entry.name, token(request.text), flags));
      if ('refused' in result) throw usageError(`Not rotated: ${result.refused}`);
      return { entry: await one(result.stored.id), warnings: result.warnings };
    },
    'vault:rename': async (id, name) => {
      const entry = await vault.findById(id);
      await after(vault.rename(entry.name, name));
      return one(id);
    },
    'vault:copy': (id, format) => copyToClipboard(deps, id, format, 'window'),
    'vault:reveal': async (id) => {
      const entry = await vault.findById(id);
      const secret = await vault.secret(entry);
      await logHandOut(deps, entry, 'reveal', 'window');
      return secret;
    },
    'settings:get': () => vault.settings(),
    'settings:set': async (patch) => {
      const settings = await after(vault.updateSettings(patch));
      // Re-plan in the background: a check still waiting on a slow Notion must not hold up Save (a failed pass logs itself).
      void monitor.refresh().catch(() => undefined);
      return settings;
    },
    'app:open-external': async (url) => {
      if (!isAllowedExternal(url)) throw usageError('Only Notion pages open from the vault window.');
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: checked by isAllowedExternal just above
      return null;
    },
    'app:online': async () => {
      await after(monitor.online());
      return null;
    },
    'app:pending-view': () => Promise.resolve(deps.pendingView?.() ?? null),
    'app:info': () => Promise.resolve({ ...(deps.info?.() ?? { loginItem: 'installed-app-only', logFile: null }), now: clock().toISOString() }),
  };
}

/** `which` for the window: the link checked first (a usage error says how to get one), then Notion asked with each entry's token. */
async function askPage(deps: HandlerDeps, entries: readonly Entry[], link: string): Promise<WhichReport> {
  const parsed = parseNotionTarget(link);
  if (!parsed.ok) throw usageError(parsed.message);
  if (entries.length === 0) return { target: parsed.target, type: null, title: null, idAdvice: null, verdict: 'unseen', answers: [] };
  await deps.probe(); // a locked keychain reads as no token: never ask Notion with that
  return which(deps.vault, await deps.client(), entries, parsed.target, { clock: deps.clock });
}

/** What the window may see of a check: never the token, and Notion's answer reduced to what it shows. */
function inspected(outcome: CheckOutcome): Result<'token:inspect'>['check'] {
  switch (outcome.result) {
    case 'ok': {
      const { me } = outcome;
      return { result: 'ok', identity: me.identity, workspaceId: me.workspaceId, workspaceName: me.workspaceName, kind: impliedKind(me.owner), pagesShared: outcome.pagesShared };
    }
    case 'unauthorized':
      // The wizard is adding it (nothing to rotate yet) and says its own fix: the cause only.
      return { result: 'unauthorized', message: invalidTokenMessage(null) };
    case 'unknown':
      return { result: 'unknown', message: outcome.message };
  }
}

/** Copy an entry's token (or `NOTION_TOKEN=…`) in main; the clipboard is cleared after the set delay. Returns that delay. */
export async function copyToClipboard(deps: HandlerDeps, id: string, format: CopyFormat, face: HandOutFace): Promise<number | null> {
  const entry = await deps.vault.findById(id);
  const secret = await deps.vault.secret(entry);
  const { clipboardClearSeconds } = await deps.vault.settings();
  const clearAfter = await deps.clipboard.copy(format === 'env' ? `NOTION_TOKEN=${secret}` : secret, clipboardClearSeconds);
  await logHandOut(deps, entry, format === 'env' ? 'copy-env' : 'copy', face);
  return clearAfter;
}

/** One access-log line; then the tray and the window refresh, so their "last used" is current. */
async function logHandOut(deps: HandlerDeps, entry: Entry, action: HandOutAction, face: HandOutFace): Promise<void> {
  if (!deps.accessLog) return;
  await deps.accessLog.record({ entryId: entry.id, name: entry.name, action, program: face, pid: process.pid }, deps.clock());
  deps.changed();
}

export function summarize(entry: Entry, now: Date, settings: Pick<Settings, 'thresholdsDays' | 'unusedDays'> = DEFAULT_SETTINGS, lastUsedAt: string | null = null): EntrySummary {
  const thresholds = settings.thresholdsDays;
  return {
    ...entry, shownStatus: effectiveStatus(entry, now, thresholds), daysLeft: daysLeft(entry, now), attention: attentionHint(entry, now, thresholds),
    lastUsedAt, unusedDays: unusedFor(entry, lastUsedAt, now, settings.unusedDays),
  };
}
