import type { Entry } from '../../common/types';

// Notion budgets requests per connection and per workspace, the workspace budget shared by every
// connection there, the person's own scripts included; its Retry-After can exceed a minute
// (developers.notion.com/reference/request-limits, "Per-workspace limit"). So every request the
// vault makes goes through its workspace's lane: at most two in flight per workspace, and after a
// 429 none of that workspace's requests until its Retry-After has passed.

/** Requests in flight per workspace, at most. */
export const PER_WORKSPACE = 2;

/** A lane's backoff outlasts what the caller is willing to wait: the request was not sent. */
export class BackingOff extends Error {
  constructor(readonly remainingMs: number) {
    super(`this workspace is backing off for ${String(Math.ceil(remainingMs / 1000))} s after Notion rate-limited it`);
    this.name = 'BackingOff';
  }
}

export interface Lane {
  /**
   * Run one request once a slot is free and the workspace is not backing off. `waited`: the caller
   * has just waited out this lane's backoff itself (the request that got the 429), so it goes now.
   */
  run<T>(call: () => Promise<T>, waited?: boolean): Promise<T>;
  /** Notion answered 429: none of this workspace's requests for `ms`. Returns when that ends. */
  backOff(ms: number): number;
  /** The caller slept until `deadline` (backOff's): a backoff that ends by then is over, whatever the clock says. */
  waitedUntil(deadline: number): void;
  /** How long the workspace is still backing off (0: not at all). */
  remainingMs(): number;
}

export interface LaneOptions {
  perWorkspace?: number;
  /** Backoffs longer than this are not waited: the request fails with BackingOff. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Real time, whatever clock the vault runs on (NOTION_VAULT_NOW): a backoff is waited, not previewed. */
  now?: () => number;
}

/** One lane per workspace, for one batch of work (a `check`, a `which`, a monitor pass). */
export class WorkspaceLanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly options: LaneOptions = {}) {}

  lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = createLane(this.options);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Workspaces still backing off, and for how long (ms). */
  backoffs(): Map<string, number> {
    const left = new Map<string, number>();
    for (const [key, lane] of this.lanes) if (lane.remainingMs() > 0) left.set(key, lane.remainingMs());
    return left;
  }
}

/**
 * Which lane an entry's requests take: its workspace's name, which every kind has (a PAT answering
 * as a person has no workspace id, only the name the person gave), else its id, else its own lane.
 * Two workspaces of one name share a lane: slower, never over budget.
 */
export function workspaceKey(entry: Pick<Entry, 'id' | 'workspaceId' | 'workspaceName'>): string {
  if (entry.workspaceName !== null) return `name:${entry.workspaceName}`;
  if (entry.workspaceId !== null) return `id:${entry.workspaceId}`;
  return `entry:${entry.id}`;
}

/** `items` by workspace (`key`), each group in the order given. */
export function groupByWorkspace<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function createLane({ perWorkspace = PER_WORKSPACE, maxWaitMs = 10_000, sleep = defaultSleep, now = Date.now }: LaneOptions): Lane {
  let inFlight = 0;
  let pausedUntil = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (inFlight < perWorkspace) {
      inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight on
    else inFlight -= 1;
  };
  const remainingMs = (): number => Math.max(0, pausedUntil - now());
  const waitedUntil = (deadline: number): void => {
    if (pausedUntil <= deadline) pausedUntil = 0;
  };
  const waitOut = async (): Promise<void> => {
    const left = remainingMs();
    if (left > maxWaitMs) throw new BackingOff(left);
    if (left > 0) {
      const deadline = pausedUntil;
      await sleep(left);
      waitedUntil(deadline);
    }
  };
  return {
    async run(call, waited = false) {
      if (!waited) await waitOut();
      await acquire();
      try {
        // A 429 may have come in while this request waited for its slot.
        if (!waited) await waitOut();
        return await call();
      } finally {
        release();
      }
    },
    backOff(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      return pausedUntil;
    },
    waitedUntil,
    remainingMs,
  };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
