import { DEFAULT_SETTINGS, type Entry } from '../../electron/common/types';
import { nextEventAt } from '../../electron/core/monitor/schedule';

const DAY = 86_400_000;

export interface PlanResult {
  /** Median time for the monitor to plan its next due event over all entries. */
  planMs: number;
  /** Median time for the cheapest possible plan: the earliest `nextCheckAt`, one Date.parse each. */
  scanMs: number;
  entries: number;
}

/** `nextEventAt` over N entries (half PATs with pending thresholds), against a bare scan of the same entries. */
export function benchPlan(count = 1_000, rounds = 200): PlanResult {
  const now = Date.UTC(2026, 10, 1);
  const entries = Array.from({ length: count }, (_, i) => entry(i, now));
  const median = (run: () => unknown): number => {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  };
  // Warm both up first so the JIT treats them alike.
  median(() => nextEventAt(entries, DEFAULT_SETTINGS));
  median(() => scan(entries));
  return { planMs: median(() => nextEventAt(entries, DEFAULT_SETTINGS)), scanMs: median(() => scan(entries)), entries: count };
}

function scan(entries: readonly Entry[]): number {
  let next = Number.POSITIVE_INFINITY;
  for (const e of entries) if (e.nextCheckAt !== null) next = Math.min(next, Date.parse(e.nextCheckAt));
  return next;
}

function entry(i: number, now: number): Entry {
  const pat = i % 2 === 0;
  const created = now - (i % 300) * DAY;
  return {
    id: `id-${String(i)}`, name: `t${String(i)}`, kind: pat ? 'pat' : 'internal', workspaceId: null, workspaceName: 'Bench', identity: null,
    createdAt: new Date(created).toISOString(), expiresAt: pat ? new Date(created + 365 * DAY).toISOString() : null, addedAt: new Date(created).toISOString(),
    status: 'valid', lastCheckedAt: new Date(now).toISOString(), lastOkAt: new Date(now).toISOString(), lastError: null, lastDecided: null,
    pagesShared: true, warned: [], nextCheckAt: new Date(now + (i % 360) * 60_000).toISOString(), failStreak: 0, history: [],
  };
}
