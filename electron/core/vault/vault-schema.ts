import { DEFAULT_SETTINGS, STATUSES, TOKEN_KINDS, type Entry, type FolderLink, type Integration, type Settings, type Status, type TokenKind } from '../../common/types';
import { storedCode, storedMessage } from '../check/error-record';

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
  /** Folders bound to an entry (`notion-vault link`); absent in older files (read as none). */
  links?: FolderLink[];
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

/**
 * A check of one value. `levels` is how many levels of arrays and objects the value may still
 * open (see MAX_DEPTH): the checks that accept an object or array bound its depth as they walk it,
 * so a read walks each entry once instead of once to check and once to measure.
 */
type Check = (value: unknown, levels: number) => boolean;
/** A check of a value that holds no object or array. */
type Simple = (value: unknown) => boolean;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Simple = (v) => typeof v === 'string' && v !== '';
/**
 * An ISO date as this app writes them (`2026-01-01T00:00:00.000Z`) that Date.parse surely
 * accepts, matched without building a Date (a third of the time). Days past the 28th, hour 24
 * and every other form are left to Date.parse, which knows its own rules for them.
 */
const PLAIN_ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const date: Simple = (v) => typeof v === 'string' && (PLAIN_ISO_DATE.test(v) || !Number.isNaN(Date.parse(v)));
const oneOf = (values: readonly string[]): Simple => (v) => typeof v === 'string' && values.includes(v);
const nullable = (check: Check): Check => (v, levels) => v === null || check(v, levels);
const optional = (check: Check): Check => (v, levels) => v === undefined || check(v, levels);
/** Set when a check fails because the value nests too deep, so the problem is said as that. */
const walk = { tooDeep: false };
const startWalk = (): void => {
  walk.tooDeep = false;
};
const deeper = (): false => {
  walk.tooDeep = true;
  return false;
};
const shape = (fields: Record<string, Check>): Check => {
  // Listed once, not per value: it runs for every history item of every entry (100,000 entries: ~0.1 s).
  const keys = Object.keys(fields);
  const checks = Object.values(fields);
  const known = new Set(keys);
  return (v, levels) => {
    if (!isRecord(v)) return false;
    if (levels === 0) return deeper();
    let present = 0;
    for (let i = 0; i < keys.length; i++) {
      const value = v[keys[i] as string];
      if (!(checks[i] as Check)(value, levels - 1)) return false;
      if (value !== undefined) present++;
    }
    // Unknown keys are kept, so their depth counts too; JSON.parse makes no undefined value, so
    // as many keys as known values present means there is none to walk. (An inherited enumerable
    // key would be counted too: that only sends the record to the walk.)
    let found = 0;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only counted: every key, '' and __proto__ too
    for (const key in v) found++;
    return found === present || !extrasDeeper(v, known, levels - 1) || deeper();
  };
};
const listOf = (item: Check): Check => (v, levels) => {
  if (!Array.isArray(v)) return false;
  if (levels === 0) return deeper();
  for (const value of v as unknown[]) if (!item(value, levels - 1)) return false;
  return true;
};
const isNumber: Simple = (v) => typeof v === 'number';
const anyString: Simple = (v) => typeof v === 'string';

/** A variable name a shell can set (`notion-vault env`). */
export const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ENTRY: Record<string, Check> = {
  id: str,
  name: str,
  kind: oneOf(TOKEN_KINDS),
  workspaceId: nullable(anyString),
  workspaceName: nullable(anyString),
  identity: nullable(shape({ type: oneOf(['bot', 'person']), id: anyString, name: nullable(anyString) })),
  createdAt: date,
  expiresAt: nullable(date),
  addedAt: date,
  status: oneOf(STATUSES),
  lastCheckedAt: nullable(date),
  lastOkAt: nullable(date),
  lastError: nullable(shape({ code: anyString, message: anyString, at: date })),
  lastDecided: optional(nullable(shape({ status: oneOf(['valid', 'invalid']), at: date }))),
  pagesShared: nullable((v) => typeof v === 'boolean'),
  warned: listOf(isNumber),
  nextCheckAt: optional(nullable(date)),
  failStreak: optional((v) => typeof v === 'number' && v >= 0),
  history: optional(listOf(shape({
    at: date, event: oneOf(['added', 'rotated', 'checked']), status: oneOf(STATUSES), message: nullable(anyString),
  }))),
  integrationId: optional(nullable(str)),
  envVars: optional(nullable(listOf((v) => typeof v === 'string' && ENV_VAR.test(v)))),
  lastUsedAt: optional(nullable(date)),
};

const isEntry = shape(ENTRY);
const ENTRY_CHECKS = Object.entries(ENTRY); // to name the field that failed

// The same rules as ENTRY, written out for the entry of every day: all its fields of the kinds
// ENTRY allows and no key ENTRY does not know, nested records included. Each field is read and
// checked at a place of its own, which V8 compiles to a plain load and an inlined test; a table
// applied to entry[key] makes every read and every call megamorphic (twice the time at 100,000
// entries). Anything else (an unknown key anywhere, a malformed value) is left to isEntry, which
// decides: this may only say yes where isEntry would, and a key it does not know makes it say no.
const nullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const nullableDate = (v: unknown): boolean => v === null || date(v);
export const isStatus = oneOf(STATUSES) as (v: unknown) => v is Status;
export const isKind = oneOf(TOKEN_KINDS) as (v: unknown) => v is TokenKind;
/** A date as vault.json holds them (what Date.parse reads). */
export const isStoredDate = date as (v: unknown) => v is string;
/** Keys `for…in` meets (what shape() counts): so many and no more means none unknown. */
function keyCount(record: Record<string, unknown>): number {
  let found = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only counted
  for (const key in record) found++;
  return found;
}
function plainIdentity(v: unknown): boolean {
  return v === null || (isRecord(v) && (v.type === 'bot' || v.type === 'person') && typeof v.id === 'string' && nullableString(v.name) && keyCount(v) === 3);
}
function plainLastError(v: unknown): boolean {
  return v === null || (isRecord(v) && typeof v.code === 'string' && typeof v.message === 'string' && date(v.at) && keyCount(v) === 3);
}
function plainLastDecided(v: unknown): boolean {
  return v === undefined || v === null || (isRecord(v) && (v.status === 'valid' || v.status === 'invalid') && date(v.at) && keyCount(v) === 2);
}
// Loops by index: before V8 optimizes them, for…of makes an iterator per array, 100,000 of each.
function plainWarned(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}
function plainHistory(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!(isRecord(item) && date(item.at) && (item.event === 'added' || item.event === 'rotated' || item.event === 'checked') && isStatus(item.status) && nullableString(item.message) && keyCount(item) === 4)) return false;
  }
  return true;
}
const REQUIRED_ENTRY_KEYS = 15; // ENTRY's fields that may not be absent
function isPlainEntry(e: Record<string, unknown>): boolean {
  const fields = str(e.id) && str(e.name) && isKind(e.kind) && nullableString(e.workspaceId) && nullableString(e.workspaceName) && plainIdentity(e.identity)
    && date(e.createdAt) && nullableDate(e.expiresAt) && date(e.addedAt) && isStatus(e.status) && nullableDate(e.lastCheckedAt) && nullableDate(e.lastOkAt)
    && plainLastError(e.lastError) && plainLastDecided(e.lastDecided) && (e.pagesShared === null || typeof e.pagesShared === 'boolean') && plainWarned(e.warned)
    && (e.nextCheckAt === undefined || nullableDate(e.nextCheckAt)) && (e.failStreak === undefined || (typeof e.failStreak === 'number' && e.failStreak >= 0))
    && plainHistory(e.history) && (e.integrationId === undefined || e.integrationId === null || str(e.integrationId));
  if (!fields) return false;
  const present = REQUIRED_ENTRY_KEYS + Number(e.lastDecided !== undefined) + Number(e.nextCheckAt !== undefined) + Number(e.failStreak !== undefined) + Number(e.history !== undefined) + Number(e.integrationId !== undefined);
  return keyCount(e) === present;
}

const INTEGRATION: Record<keyof Integration, Check> = {
  id: str,
  name: str,
  clientId: str,
  redirectPort: (v) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 65536,
  addedAt: date,
};

const LINK: Record<keyof FolderLink, Check> = { path: str, entryId: str, at: date };

const SETTINGS: Record<keyof Settings, Check> = {
  checkIntervalHours: (v) => v === undefined || (typeof v === 'number' && v > 0 && v <= 24 * 30),
  thresholdsDays: (v) => v === undefined || (Array.isArray(v) && v.every((n) => typeof n === 'number' && n > 0 && n <= 366)),
  notifications: (v) => v === undefined || typeof v === 'boolean',
  clipboardClearSeconds: (v) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 3600),
  launchAtLogin: (v) => v === undefined || typeof v === 'boolean',
  unusedDays: (v) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3650),
};

/** Why a settings change cannot be saved, or null. */
export function settingsProblem(patch: Partial<Settings>): string | null {
  const bad = Object.keys(patch).find((key) => !(key in SETTINGS) || !SETTINGS[key as keyof Settings](patch[key as keyof Settings], 0));
  return bad === undefined ? null : `The setting ${bad} is out of range: check interval 1 h–30 days, thresholds 1–366 days, clipboard 0–3600 s, unused after 0–3650 days.`;
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
  // V8 parses any depth (its JSON.parse is iterative); what matters is the write after. The
  // document is the first level; the entries' depth is bounded as they are checked, below.
  const deep = { ok: false as const, problem: `it is nested too deep (over ${String(MAX_DEPTH)} levels)` };
  if (extrasDeeper(json, TOP_CHECKED, MAX_DEPTH - 1)) return deep;
  const version = json.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) return { ok: false, newer: version };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE) return { ok: false, problem: 'schemaVersion is missing or not a known version' };
  if (!Array.isArray(json.entries)) return { ok: false, problem: 'entries is not a list' };
  // An id names a keychain item and is what remove and rotate act on: two entries sharing one would both go.
  const entries = json.entries as unknown[];
  const entryIds = new Set<string>();
  startWalk();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isRecord(entry)) return { ok: false, problem: `entries.${String(index)} is not an object` };
    // The document, entries, the entry: two levels above it.
    if (!isPlainEntry(entry) && !isEntry(entry, MAX_DEPTH - 2)) {
      if (walk.tooDeep) return deep;
      const bad = ENTRY_CHECKS.find(([key, check]) => !check(entry[key], MAX_DEPTH - 3))?.[0] ?? 'id';
      return { ok: false, problem: `entries.${String(index)}.${bad} is missing or malformed` };
    }
    const id = entry.id as string;
    if (entryIds.size === entryIds.add(id).size) {
      return { ok: false, problem: `entries.${String(index)}.id is the id of entries.${String(entries.findIndex((e) => (e as Entry).id === id))}` };
    }
    entry.lastDecided ??= null;
    entry.nextCheckAt ??= null;
    entry.failStreak ??= 0;
    entry.history ??= [];
    entry.integrationId ??= null;
    cleanStoredErrors(entry as unknown as Entry);
  }
  if (json.integrations !== undefined) {
    if (!Array.isArray(json.integrations)) return { ok: false, problem: 'integrations is not a list' };
    const integrationIds = new Map<string, number>();
    for (const [index, integration] of json.integrations.entries()) {
      const bad = isRecord(integration) ? Object.keys(INTEGRATION).find((key) => !INTEGRATION[key as keyof Integration](integration[key], 0)) : '';
      if (bad !== undefined) return { ok: false, problem: `integrations.${String(index)}${bad === '' ? '' : `.${bad}`} is missing or malformed` };
      const twin = firstWith(integrationIds, (integration as Record<string, unknown>).id as string, index);
      if (twin !== undefined) return { ok: false, problem: `integrations.${String(index)}.id is the id of integrations.${String(twin)}` };
    }
  }
  if (json.links !== undefined) {
    if (!Array.isArray(json.links)) return { ok: false, problem: 'links is not a list' };
    const bad = json.links.findIndex((link) => !isRecord(link) || !(Object.keys(LINK) as (keyof FolderLink)[]).every((key) => LINK[key](link[key], 0)));
    if (bad !== -1) return { ok: false, problem: `links.${String(bad)} is missing or malformed` };
  }
  if (json.settings !== undefined) {
    const bad = isRecord(json.settings) ? Object.keys(SETTINGS).find((key) => !SETTINGS[key as keyof Settings](json.settings?.[key as never], 0)) : 'settings';
    if (bad !== undefined) return { ok: false, problem: `settings.${bad} is malformed` };
  }
  return { ok: true, doc: json as unknown as VaultDoc };
}

/**
 * A vault.json written before error text was bounded and redacted (error-record.ts) may hold a
 * server's echo of a token in lastError or the history: it is cleaned as it is read, so no face
 * shows it, and the next write leaves it out of the file. Text this build wrote passes unchanged.
 */
function cleanStoredErrors(entry: Entry): void {
  if (entry.lastError !== null) {
    entry.lastError.code = storedCode(entry.lastError.code);
    entry.lastError.message = storedMessage(entry.lastError.message);
  }
  for (const item of entry.history) if (typeof item.message === 'string') item.message = storedMessage(item.message);
}

/**
 * A stored fingerprint as vault.json may hold it (anything else there is ignored). Plain tests, not
 * shape(): `add` asks this of every entry's, and parseVault has bounded the depth of everything
 * under `fingerprints` already.
 */
export const isStoredFingerprint = (value: unknown): value is StoredFingerprint =>
  isRecord(value) && str(value.hmac) && (value.stamp === null || date(value.stamp));

/** The index that first had `id`, or undefined after recording `index` as its first. */
function firstWith(seen: Map<string, number>, id: string, index: number): number | undefined {
  const first = seen.get(id);
  if (first === undefined) seen.set(id, index);
  return first;
}

/** Whether a parsed value nests arrays and objects more than `levels` deep; stops there (cheaper than a scan of the text). */
function nestedDeeper(value: object, levels: number): boolean {
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const child of value as unknown[]) if (typeof child === 'object' && child !== null && nestedDeeper(child, levels - 1)) return true;
    return false;
  }
  return extrasDeeper(value as Record<string, unknown>, NONE, levels - 1);
}

const NONE: ReadonlySet<string> = new Set();
/** The document's keys whose depth parseVault bounds as it checks them (the others are walked). */
const TOP_CHECKED: ReadonlySet<string> = new Set(['entries']);

/** Whether a value under one of the record's own keys not in `skip` nests more than `levels` deep. */
function extrasDeeper(record: Record<string, unknown>, skip: ReadonlySet<string>, levels: number): boolean {
  for (const key in record) {
    if (!Object.hasOwn(record, key) || skip.has(key)) continue;
    const child = record[key];
    if (typeof child === 'object' && child !== null && nestedDeeper(child, levels)) return true;
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
