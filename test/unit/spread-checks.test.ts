// How check, which and the monitor spread their work over workspaces (check-entries.ts): each
// workspace a few checks at a time, every workspace at once, a bound on the whole. A workspace
// that is slow (rate-limited, a Notion outage there) must not take the slots other workspaces need.

import { describe, expect, it } from 'vitest';
import type { Entry } from '../../electron/common/types';
import { spreadChecks } from '../../electron/core/check/check-entries';
import { PER_WORKSPACE } from '../../electron/core/check/workspace-lanes';
import { entryFixture } from '../support/entry-fixture';

const entriesOf = (workspace: string, count: number): Entry[] =>
  Array.from({ length: count }, (_, i) => entryFixture({ id: `${workspace}-${String(i)}`, name: `${workspace}-${String(i)}`, workspaceId: `ws-${workspace}`, workspaceName: workspace }));

describe('spreadChecks', () => {
  it('keeps each workspace to one check more than its lane lets through, and the whole to the bound', async () => {
    const entries = Array.from({ length: 30 }, (_, w) => entriesOf(`w${String(w)}`, 5)).flat();
    const running = new Map<string, number>();
    let total = 0;
    let peakTotal = 0;
    let peakPerWorkspace = 0;
    const { results } = await spreadChecks(entries, { concurrency: 40 }, async (entry) => {
      const key = entry.workspaceName ?? '';
      running.set(key, (running.get(key) ?? 0) + 1);
      total += 1;
      peakTotal = Math.max(peakTotal, total);
      peakPerWorkspace = Math.max(peakPerWorkspace, running.get(key) ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running.set(key, (running.get(key) ?? 0) - 1);
      total -= 1;
      return entry.name;
    });
    expect(results.size).toBe(150);
    expect(peakPerWorkspace).toBe(PER_WORKSPACE + 1);
    expect(peakTotal).toBe(40);
  });

  it('a workspace whose checks do not end leaves the others their slots', async () => {
    let release = (): void => undefined;
    const stuck = new Promise<void>((resolve) => { release = resolve; });
    const done: string[] = [];
    const run = spreadChecks([...entriesOf('slow', 10), ...entriesOf('fast', 6)], { concurrency: 4 }, async (entry) => {
      if (entry.workspaceName === 'slow') await stuck;
      done.push(entry.name);
      return null;
    });
    // Every check of the other workspace ends while the slow one's are still waiting.
    for (let i = 0; i < 50 && done.length < 6; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done.sort()).toEqual(['fast-0', 'fast-1', 'fast-2', 'fast-3', 'fast-4', 'fast-5']);
    release();
    expect((await run).results.size).toBe(16);
  });
});
