// One line of access.log: what left the vault, when, and to which program. Never a secret.

export const HAND_OUT_ACTIONS = ['get', 'export', 'run', 'inject', 'copy', 'copy-env', 'reveal', 'proxy'] as const;
export type HandOutAction = (typeof HAND_OUT_ACTIONS)[number];

/** A request `run --proxy` sent to Notion with the real token in it: never a header or a body. */
export interface ProxiedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  status: number;
  ms: number;
}

export interface HandOut {
  entryId: string;
  /** The entry's name at the time (a later rename does not change the line). */
  name: string;
  action: HandOutAction;
  /** For run, its command; for get and export, the parent process where the OS tells it; `tray` or `window` in the app. */
  program: string | null;
  /** The program's process id, where it is known. */
  pid: number | null;
  request?: ProxiedRequest;
}

export interface AccessRecord extends HandOut {
  at: string;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A line as this build writes it; anything else in the file (a cut line, another tool's) is skipped. */
export function isAccessRecord(value: unknown): value is AccessRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (!isString(r.at) || Number.isNaN(Date.parse(r.at)) || !isString(r.entryId) || !isString(r.name)) return false;
  if (!(HAND_OUT_ACTIONS as readonly unknown[]).includes(r.action)) return false;
  if (!(r.program === null || isString(r.program)) || !(r.pid === null || isCount(r.pid))) return false;
  if (r.request === undefined) return true;
  const q = r.request as Record<string, unknown> | null;
  return typeof q === 'object' && q !== null && isString(q.method) && isString(q.path) && isCount(q.status) && isCount(q.ms);
}
