import type { Client } from '@notionhq/client';
import pLimit from 'p-limit';
import type { Entry } from '../../common/types';
import { checkEntry } from '../oauth/check-entry';
import type { Vault } from '../vault/vault';
import { recordCheck } from './apply-check';
import type { CheckOptions, CheckOutcome } from './check-token';

/** Checks at a time: Notion limits each token to ~3 requests/s, and a check is 2 requests. */
export const CHECK_CONCURRENCY = 4;

export interface Checked {
  entry: Entry;
  outcome: CheckOutcome;
  drift: string | null;
}

export interface CheckEntriesOptions extends CheckOptions {
  /** Checks at a time (Notion also limits each token to ~3 requests/s, which one check stays under). */
  concurrency?: number;
  clock?: () => Date;
}

/** Check entries live (refreshing OAuth entries Notion rejects), then record every result in one vault write. */
export async function checkEntries(vault: Vault, client: Client, entries: readonly Entry[], { concurrency = CHECK_CONCURRENCY, clock = () => new Date(), ...options }: CheckEntriesOptions = {}): Promise<Checked[]> {
  const limit = pLimit(concurrency);
  const outcomes = await Promise.all(
    entries.map((entry) =>
      limit(async () => ({ id: entry.id, outcome: await checkEntry(vault, client, entry, options), at: clock() })),
    ),
  );
  const results: Checked[] = [];
  const byId = new Map(outcomes.map((o) => [o.id, o]));
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
