import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The Node entry: electron-log/main imports electron, and core stays Electron-free.
import electronLog from 'electron-log/node';
import { forTerminal } from '../../common/outside-text';
import { redactTokenShaped } from '../../common/redact-log';
import { APP_LOG_FILE } from './app-paths';

// The app's log file, for "what happened while I wasn't looking" (a check that failed overnight).
// electron-log does the appending and the size cap (one archived `.old.log`); this module decides
// what may reach it: redacted lines only, and nothing of electron-log's other transports.

export interface AppLog {
  /** Redacts `text`, appends it to the file (synchronously: it is on disk when this returns) and echoes it to stdout. */
  line(text: string): void;
  readonly path: string;
}

export interface AppLogOptions {
  /** Created 0700 if missing (and tightened to 0700 if it is there). */
  dir: string;
  fileName?: string;
  /** Neither the file nor its archived copy grows past this. */
  maxBytes?: number;
  /** Also print `notion-token-vault: <line>` to stdout, as the app always has. */
  echo?: boolean;
}

/** Room for the timestamp, the clip mark and the line ending, beside a line's text. */
const LINE_OVERHEAD = 64;

export function createAppLog({ dir, fileName = APP_LOG_FILE, maxBytes = 1_000_000, echo = true }: AppLogOptions): AppLog {
  if (maxBytes < 1024) throw new RangeError(`maxBytes must be at least 1024 (got ${maxBytes})`);
  const path = join(dir, fileName);
  prepare(dir, path);

  // electron-log archives only when the file is already past maxSize, then appends: so the cap it
  // is given leaves room for one more line, and no line may be longer than that room.
  const lineBytes = Math.min(16 * 1024, Math.floor(maxBytes / 4));
  const logger = electronLog.create({ logId: `notion-token-vault ${path}` });
  const file = logger.transports.file;
  file.resolvePathFn = () => path;
  file.maxSize = maxBytes - lineBytes;
  file.sync = true;
  // The mode only applies when electron-log creates the file (after an archive, too); prepare() fixes an older one.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.format = '[{iso}] {text}';

  return {
    path,
    line(text) {
      // One line per event: a name or error text from outside keeps no escape, break or bidi control.
      const redacted = forTerminal(redactTokenShaped(text).text, lineBytes);
      if (echo) console.log(`notion-token-vault: ${redacted}`);
      // Straight to the file transport: electron-log's console, IPC and remote transports never see a line.
      logger.processMessage({ data: [clip(redacted, lineBytes - LINE_OVERHEAD)], date: new Date(), level: 'info' }, { transports: ['file'] });
    },
  };
}

function prepare(dir: string, path: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  writeFileSync(path, '', { flag: 'a', mode: 0o600 });
  chmodSync(path, 0o600);
}

/** `text` cut to at most `bytes` of UTF-8 (never inside a character), marked when cut. */
function clip(text: string, bytes: number): string {
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(bytes));
  return read === text.length ? text : `${text.slice(0, read)}…`;
}
