import { DEFAULT_SETTINGS, STATUSES, TOKEN_KINDS, type Entry, type Integration, type Settings } from '../../common/types';

/**
 * 2: the vault holds OAuth connections, whose keychain items are access+refresh pairs. A build
 * that knows only 1 would hand such an item out whole (refresh token included) as the token,
 * so a vault is written as 2 only while it holds a connection, and older builds then refuse it
 * ("written by a newer Notion Token Vault"); without connections it stays readable by them.
 */
export const SCHEMA_VERSION = 2;
const OLDEST_READABLE = 1;

export interface VaultDoc {
  schemaVersion: number;
  entries: Entry[];
  settings?: Partial<Settings>;
  /** Public integrations for OAuth connect; absent in older files (read as none). */
  integrations?: Integration[];
  /**
   * Entry id → a keyed fingerprint of the secret it holds (secret-fingerprint.ts), so a duplicate is
   * found without reading every secret. Kept beside the entries, not in them, so no face ever shows it.
   * A cache, absent in older files: checked where it is used (secret-holder.ts), not on every read,
   * and whatever is malformed there is ignored and rebuilt.
   */
  fingerprints?: unknown;
}

export interface StoredFingerprint {
  /** `keyId:hmac` of the secret (an OAuth pair's tokens are never fingerprinted: a refresh replaces them). */
  hmac: string;
  /** The `at` of the entry's newest add or rotation when it was made: a rotation by an older build makes it stale. */
  stamp: string | null;
}

export type ParseResult = { ok: true; doc: VaultDoc } | { ok: false; newer: number } | { ok: false; problem: string };

// Hand-written rather than zod: every CLI start reads vault.json, and loading zod alone
// costs ~35 ms there, a third of `notion-vault get`'s budget (npm run bench).
// Unknown keys are kept, so an older build never drops what a newer one wrote.

type Check = (value: unknown) => boolean;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string' && v !== '';
const date: Check = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const nullable = (check: Check): Check => (v) => v === null || check(v);
const shape = (fields: Record<string, Check>): Check => {
  // Listed once, not per value: it runs for every history item of every entry (100,000 entries: ~0.1 s).
  const checks = Object.entries(fields);
  return (v) => isRecord(v) && checks.every(([key, check]) => check(v[key]));
};

const ENTRY: Record<string, Check> = {
  id: str,
  name: str,
  kind: oneOf(TOKEN_KINDS),
  workspaceId: nullable((v) => typeof v === 'string'),
  workspaceName: nullable((v) => typeof v === 'string'),
  identity: nullable(shape({ type: oneOf(['bot', 'person']), id: (v) => typeof v === 'string', name: nullable((v) => typeof v === 'string') })),
  createdAt: date,
  expiresAt: nullable(date),
  addedAt: date,
  status: oneOf(STATUSES),
  lastCheckedAt: nullable(date),
  lastOkAt: nullable(date),
  lastError: nullable(shape({ code: (v) => typeof v === 'string', message: (v) => typeof v === 'string', at: date })),
  lastDecided: (v) => v === undefined || nullable(shape({ status: oneOf(['valid', 'invalid']), at: date }))(v),
  pagesShared: nullable((v) => typeof v === 'boolean'),
  warned: (v) => Array.isArray(v) && v.every((n) => typeof n === 'number'),
  nextCheckAt: (v) => v === undefined || nullable(date)(v),
  failStreak: (v) => v === undefined || (typeof v === 'number' && v >= 0),
  history: (v) => v === undefined || (Array.isArray(v) && v.every(shape({
    at: date, event: oneOf(['added', 'rotated', 'checked']), status: oneOf(STATUSES), message: nullable((m) => typeof m === 'string'),
  }))),
  integrationId: (v) => v === undefined || nullable(str)(v),
};

const ENTRY_CHECKS = Object.entries(ENTRY); // listed once: every entry is checked on every read

const INTEGRATION: Record<keyof Integration, Check> = {
  id: str,
  name: str,
  clientId: str,
  redirectPort: (v) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 65536,
  addedAt: date,
};

const SETTINGS: Record<keyof Settings, Check> = {
  checkIntervalHours: (v) => v === undefined || (typeof v === 'number' && v > 0 && v <= 24 * 30),
  thresholdsDays: (v) => v === undefined || (Array.isArray(v) && v.every((n) => typeof n === 'number' && n > 0 && n <= 366)),
  notifications: (v) => v === undefined || typeof v === 'boolean',
  clipboardClearSeconds: (v) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 3600),
  launchAtLogin: (v) => v === undefined || typeof v === 'boolean',
};

/** Why a settings change cannot be saved, or null. */
export function settingsProblem(patch: Partial<Settings>): string | null {
  const bad = Object.keys(patch).find((key) => !(key in SETTINGS) || !SETTINGS[key as keyof Settings](patch[key as keyof Settings]));
  return bad === undefined ? null : `The setting ${bad} is out of range: check interval 1 h–30 days, thresholds 1–366 days, clipboard 0–3600 s.`;
}

/** Settings with defaults for whatever vault.json leaves out. */
export function settingsOf(doc: VaultDoc): Settings {
  return { ...DEFAULT_SETTINGS, ...doc.settings };
}

/**
 * A real vault nests 5 levels (entries, an entry, its history, an item); unknown keys are kept and
 * written back, and JSON.stringify overflows the stack a few thousand levels down, so a deeper
 * file would read fine and then fail every write.
 */
export const MAX_DEPTH = 64;

export function parseVault(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  if (!isRecord(json)) return { ok: false, problem: 'it is not a JSON object' };
  // V8 parses any depth (its JSON.parse is iterative); what matters is the write after.
  if (nestedDeeper(json, MAX_DEPTH)) return { ok: false, problem: `it is nested too deep (over ${String(MAX_DEPTH)} levels)` };
  const version = json.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) return { ok: false, newer: version };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE) return { ok: false, problem: 'schemaVersion is missing or not a known version' };
  if (!Array.isArray(json.entries)) return { ok: false, problem: 'entries is not a list' };
  // An id names a keychain item and is what remove and rotate act on: two entries sharing one would both go.
  const entryIds = new Map<string, number>();
  for (const [index, entry] of json.entries.entries()) {
    if (!isRecord(entry)) return { ok: false, problem: `entries.${String(index)} is not an object` };
    const bad = ENTRY_CHECKS.find(([key, check]) => !check(entry[key]))?.[0];
    if (bad !== undefined) return { ok: false, problem: `entries.${String(index)}.${bad} is missing or malformed` };
    const twin = firstWith(entryIds, entry.id as string, index);
    if (twin !== undefined) return { ok: false, problem: `entries.${String(index)}.id is the id of entries.${String(twin)}` };
    entry.lastDecided ??= null;
    entry.nextCheckAt ??= null;
    entry.failStreak ??= 0;
    entry.history ??= [];
    entry.integrationId ??= null;
  }
  if (json.integrations !== undefined) {
    if (!Array.isArray(json.integrations)) return { ok: false, problem: 'integrations is not a list' };
    const integrationIds = new Map<string, number>();
    for (const [index, integration] of json.integrations.entries()) {
      const bad = isRecord(integration) ? Object.keys(INTEGRATION).find((key) => !INTEGRATION[key as keyof Integration](integration[key])) : '';
      if (bad !== undefined) return { ok: false, problem: `integrations.${String(index)}${bad === '' ? '' : `.${bad}`} is missing or malformed` };
      const twin = firstWith(integrationIds, (integration as Record<string, unknown>).id as string, index);
      if (twin !== undefined) return { ok: false, problem: `integrations.${String(index)}.id is the id of integrations.${String(twin)}` };
    }
  }
  if (json.settings !== undefined) {
    const bad = isRecord(json.settings) ? Object.keys(SETTINGS).find((key) => !SETTINGS[key as keyof Settings](json.settings?.[key as never])) : 'settings';
    if (bad !== undefined) return { ok: false, problem: `settings.${bad} is malformed` };
  }
  return { ok: true, doc: json as unknown as VaultDoc };
}

/** A stored fingerprint as vault.json may hold it (anything else there is ignored). */
export const isStoredFingerprint = shape({ hmac: str, stamp: nullable(date) }) as (value: unknown) => value is StoredFingerprint;

/** The index that first had `id`, or undefined after recording `index` as its first. */
function firstWith(seen: Map<string, number>, id: string, index: number): number | undefined {
  const first = seen.get(id);
  if (first === undefined) seen.set(id, index);
  return first;
}

/** Whether a parsed value nests arrays and objects more than `levels` deep; stops there (cheaper than a scan of the text). */
function nestedDeeper(value: object, levels: number): boolean {
  if (levels === 0) return true;
  for (const child of Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>)) {
    if (typeof child === 'object' && child !== null && nestedDeeper(child, levels - 1)) return true;
  }
  return false;
}

/** The registered integrations (none in files written before OAuth connect). */
export function integrationsOf(doc: VaultDoc): Integration[] {
  return doc.integrations ?? [];
}

export const emptyVault = (): VaultDoc => ({ schemaVersion: OLDEST_READABLE, entries: [] });

/** The lowest version that describes the document (see SCHEMA_VERSION). */
export function versionFor(doc: VaultDoc): number {
  // Registered integrations alone change nothing an older build reads: their secrets sit under accounts it never asks for.
  return doc.entries.some((e) => e.integrationId != null) ? SCHEMA_VERSION : OLDEST_READABLE;
}
