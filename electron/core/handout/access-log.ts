// Synchronous calls: an append is a few microseconds. node:fs through getBuiltinModule, as fs-calls.ts
// explains: its ES module face would load node:fs/promises into every `get` (npm run bench).
const { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, renameSync, writeSync } = process.getBuiltinModule('node:fs');
import { dirname, join } from 'node:path';
import { stringifySafe } from '../../common/outside-text';
import { redactTokenShaped } from '../../common/redact-log';
import { redactAll } from '../../common/token-text';
import type { Entry } from '../../common/types';
import { VaultError, errnoCode } from '../errors';
import { assertPlainOwnFile, fileError, linkError, openFlag, readPrivateFile } from '../vault/data-folder';
import type { VaultFile } from '../vault/vault-file';
import { isAccessRecord, type AccessRecord, type HandOut } from './access-record';

// One JSON line per secret that leaves the vault, beside vault.json (product.md "The vault").
// Never a secret: every text field is redacted and capped before it is written. The hand-out
// goes ahead when the line cannot be written (said once per process): the log is for looking
// back, and a full disk must not stop a person's scripts.

export const ACCESS_LOG = 'access.log';
/** Each of the two files (the log and its one rotated predecessor): about 6,000 lines. */
export const ACCESS_LOG_MAX_BYTES = 2 ** 20;
const FIELD_MAX = 200;

const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | openFlag('O_NOFOLLOW') | openFlag('O_NONBLOCK');
const POSIX = process.platform !== 'win32';

export interface AccessLogOptions {
  file: VaultFile;
  /** The one line said when the log cannot be written (once per process). */
  onNotice: (message: string) => void;
  maxBytes?: number;
}

export interface AccessLog {
  readonly path: string;
  /** Append one line; never throws. `secrets` are redacted from every field, on top of anything token-shaped. */
  record(handOut: HandOut, at: Date, secrets?: readonly string[]): Promise<void>;
  /** Every line of both files, oldest first; lines that do not parse are skipped. */
  read(): Promise<AccessRecord[]>;
  /** Entry id → when a secret of it last left the vault, from the log and what rotation carried into vault.json (`entries`). */
  lastUsed(entries: readonly Pick<Entry, 'id' | 'lastUsedAt'>[]): Promise<Map<string, string>>;
}

export function openAccessLog({ file, onNotice, maxBytes = ACCESS_LOG_MAX_BYTES }: AccessLogOptions): AccessLog {
  const path = join(dirname(file.path), ACCESS_LOG);
  const rotated = `${path}.1`;
  let told = false;

  /** Write the line unless it would take the file past the cap; false when it would. */
  const append = (line: string): boolean => {
    const fd = openSync(path, APPEND, 0o600);
    try {
      const info = fstatSync(fd);
      assertPlainOwnFile(path, info);
      if (POSIX && (info.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
      if (info.size > 0 && info.size + Buffer.byteLength(line) > maxBytes) return false;
      writeSync(fd, line);
      return true;
    } finally {
      closeSync(fd);
    }
  };

  /**
   * The log becomes `access.log.1`, replacing the one before. Its lines are lost, so each entry's
   * last use in it is carried into vault.json first (`lastUsedAt`): "last used" never goes back.
   */
  const rotate = (lineBytes: number): Promise<void> =>
    file.exclusive('access-log', async () => {
      const size = sizeOf(path);
      if (size + lineBytes <= maxBytes) return; // another process rotated it meanwhile
      const dropped = latestByEntry(await readLines(rotated));
      if (dropped.size > 0) {
        await file.update((doc) => {
          for (const entry of doc.entries) {
            const at = dropped.get(entry.id);
            if (at !== undefined && (entry.lastUsedAt ?? '') < at) entry.lastUsedAt = at;
          }
        });
      }
      renameSync(path, rotated);
    });

  const readLines = async (at: string): Promise<AccessRecord[]> => {
    const read = await readPrivateFile(at, maxBytes * 4).catch(() => null);
    if (read?.kind !== 'text') return [];
    const records: AccessRecord[] = [];
    for (const line of read.text.split('\n')) {
      if (line === '') continue;
      try {
        const value: unknown = JSON.parse(line);
        if (isAccessRecord(value)) records.push(value);
      } catch {
        // A line cut by a crash, or not ours: skipped.
      }
    }
    return records;
  };

  const read = async (): Promise<AccessRecord[]> => [...(await readLines(rotated)), ...(await readLines(path))];

  // The app asks lastUsed on every tray and window refresh: both files are read again only when
  // one of them changed (an append grows it, a rotation replaces it).
  let cached: { stamp: string; latest: ReadonlyMap<string, string> } | null = null;
  const stampOf = (at: string): string => {
    try {
      const info = lstatSync(at);
      return `${String(info.ino)}:${String(info.size)}:${String(info.mtimeMs)}`;
    } catch {
      return '-';
    }
  };

  return {
    path,
    read,
    record: async (handOut, at, secrets = []) => {
      const line = `${stringifySafe(cleanRecord({ at: at.toISOString(), ...handOut }, secrets))}\n`;
      try {
        if (append(line)) return;
        await rotate(Buffer.byteLength(line));
        append(line);
      } catch (error) {
        if (told) return;
        told = true;
        onNotice(`${problemText(error, path).replace(/\.$/, '')}; the token was handed out, but this is not in the access log.`);
      }
    },
    lastUsed: async (entries) => {
      const stamp = `${stampOf(rotated)}|${stampOf(path)}`; // before the read: a line written meanwhile makes the next call read again
      if (cached?.stamp !== stamp) cached = { stamp, latest: latestByEntry(await read()) };
      const latest = new Map(cached.latest);
      for (const entry of entries) {
        const carried = entry.lastUsedAt ?? null;
        if (carried !== null && (latest.get(entry.id) ?? '') < carried) latest.set(entry.id, carried);
      }
      return latest;
    },
  };
}

function sizeOf(path: string): number {
  try {
    return lstatSync(path).size;
  } catch {
    return 0;
  }
}

function problemText(error: unknown, path: string): string {
  if (error instanceof VaultError) return error.message;
  // A FIFO opened for writing without a reader (O_NONBLOCK): refused at once instead of hanging.
  if (errnoCode(error) === 'ENXIO') return `Cannot use ${path}: it is not a regular file (a FIFO); move it away`;
  if (errnoCode(error) === 'EISDIR') return `Cannot use ${path}: it is not a regular file (a folder); move it away`;
  if (errnoCode(error) === 'ELOOP' || errnoCode(error) === 'EMLINK') return linkError(path).message;
  return fileError(error, path).message;
}

function latestByEntry(records: readonly AccessRecord[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const record of records) if ((latest.get(record.entryId) ?? '') < record.at) latest.set(record.entryId, record.at);
  return latest;
}

/** Every text field redacted (the secrets, then anything token-shaped) and capped. */
function cleanRecord(record: AccessRecord, secrets: readonly string[]): AccessRecord {
  const clean = (text: string): string => redactTokenShaped(redactAll(text, secrets)).text.slice(0, FIELD_MAX);
  const out: AccessRecord = { ...record, name: clean(record.name), program: record.program === null ? null : clean(record.program) };
  if (record.request) out.request = { ...record.request, path: clean(record.request.path) };
  return out;
}
