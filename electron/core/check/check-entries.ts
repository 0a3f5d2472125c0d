import type { Client } from '@notionhq/client';
import pLimit from 'p-limit';
import type { Entry } from '../../common/types';
import { checkEntry } from '../oauth/check-entry';
import type { Vault } from '../vault/vault';
import { recordCheck } from './apply-check';
import type { CheckOptions, CheckOutcome } from './check-token';
import { PER_WORKSPACE, WorkspaceLanes, groupByWorkspace, workspaceKey } from './workspace-lanes';

/**
 * Checks under way at a time, across workspaces. Each workspace's lane keeps its own requests to
 * two in flight (workspace-lanes.ts), so this only bounds sockets and memory: 21 workspaces' lanes stay busy.
 */
export const CHECK_CONCURRENCY = 64;

export interface Checked {
  entry: Entry;
  outcome: CheckOutcome;
  drift: string | null;
}

export interface CheckEntriesOptions extends CheckOptions {
  /** Checks under way at a time, across workspaces (each workspace's lane limits its own requests). */
  concurrency?: number;
  clock?: () => Date;
}

/** Check entries live (refreshing OAuth entries Notion rejects), then record every result in one vault write. */
export async function checkEntries(vault: Vault, client: Client, entries: readonly Entry[], { concurrency = CHECK_CONCURRENCY, clock = () => new Date(), ...options }: CheckEntriesOptions = {}): Promise<Checked[]> {
  const { results: outcomes } = await spreadChecks(entries, { concurrency, ...options }, async (entry, laned) => ({ outcome: await checkEntry(vault, client, entry, laned), at: clock() }));
  const results: Checked[] = [];
  const byId = outcomes;
  const settings = await vault.settings();
  await vault.updateEntries((current) =>
    current.map((entry) => {
      const found = byId.get(entry.id);
      if (!found) return entry;
      const { entry: next, drift } = recordCheck(entry, found.outcome, found.at, settings);
      results.push({ entry: next, outcome: found.outcome, drift });
      return next;
    }),
  );
  return results;
}

/**
 * Checks of one workspace under way at a time: one more than its lane lets through, so that while
 * two wait on Notion the next can read its token from the keychain. And no workspace holds more of
 * the overall slots than that: one whose checks hang (a long Retry-After, Notion down there) leaves
 * the other workspaces theirs (test/unit/spread-checks.test.ts).
 */
const PER_WORKSPACE_CHECKS = PER_WORKSPACE + 1;

/**
 * `work` for each entry with its workspace's lane: every workspace at once, each with its own few
 * checks under way, and at most `concurrency` in all. The lanes come back too: which workspaces
 * are still backing off.
 */
export async function spreadChecks<T>(entries: readonly Entry[], { concurrency = CHECK_CONCURRENCY, ...options }: CheckOptions & { concurrency?: number }, work: (entry: Entry, options: CheckOptions) => Promise<T>): Promise<{ results: Map<string, T>; lanes: WorkspaceLanes }> {
  const lanes = new WorkspaceLanes({ maxWaitMs: options.maxRetryWaitMs, sleep: options.sleep });
  const overall = pLimit(concurrency);
  const results = new Map<string, T>();
  await Promise.all([...groupByWorkspace(entries, workspaceKey)].map(([key, group]) => {
    const lane = lanes.lane(key);
    const local = pLimit(PER_WORKSPACE_CHECKS);
    return Promise.all(group.map((entry) => local(() => overall(async () => {
      results.set(entry.id, await work(entry, { ...options, lane }));
    }))));
  }));
  return { results, lanes };
}
