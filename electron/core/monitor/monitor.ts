import type { Client } from '@notionhq/client';
import { effectiveStatus } from '../../common/status';
import type { Entry, Settings } from '../../common/types';
import { recordCheck } from '../check/apply-check';
import { CHECK_CONCURRENCY, spreadChecks } from '../check/check-entries';
import type { CheckOptions, CheckOutcome } from '../check/check-token';
import { workspaceKey } from '../check/workspace-lanes';
import { checkEntry } from '../oauth/check-entry';
import type { Vault } from '../vault/vault';
import type { Notifier } from './desktop-notifier';
import { checkNotices, collapse, expiryNotice, type Notice, type Notification } from './notices';
import { backoffMs, checkDueAt, nextEventAt } from './schedule';

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MonitorOptions {
  vault: Vault;
  client: () => Promise<Client>;
  notifier: Notifier;
  clock: () => Date;
  /** One line per event (checks, notifications, problems); never a secret. */
  log?: (line: string) => void;
  random?: () => number;
  timers?: Timers;
  checkOptions?: CheckOptions;
}

export interface PassReport {
  checked: { name: string; outcome: CheckOutcome['result'] }[];
  notified: Notification[];
  /** When the next event is due (epoch ms), or null if nothing ever is. */
  nextAt: number | null;
}

/** Which entries a pass must check whatever their schedule says. */
type Force = { ids: ReadonlySet<string> } | { unknownOnly: true } | null;

// setTimeout overflows past ~24.8 days; waking once a day to re-plan is harmless.
const MAX_SLEEP_MS = 86_400_000;
/**
 * Checks under way at once in the background (product.md: at most 4), whatever the workspaces:
 * the monitor runs beside the person's own scripts and should hardly show. What a person asks
 * for and waits on (checkNow: the window's Check now, after an add or a rotate) goes as wide as
 * `check` (check-entries.ts); every one keeps each workspace to two requests in flight (workspace-lanes.ts).
 */
export const MONITOR_CHECKS = 4;
const RETRY_FAILED_PASS_MS = 60_000;

/**
 * Re-validates tokens when they are due, announces expiry thresholds once each, and sends
 * what it finds as desktop notifications. One timer is armed for the next due event; there
 * is no polling loop. Passes run one at a time.
 */
export class Monitor {
  private readonly log: (line: string) => void;
  private readonly random: () => number;
  private readonly timers: Timers;
  private timer: unknown = null;
  private running = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Workspaces Notion rate-limited, and until when (this monitor's clock): none of their entries is asked before. */
  private readonly backingOff = new Map<string, number>();

  constructor(private readonly options: MonitorOptions) {
    this.log = options.log ?? (() => undefined);
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => { clearTimeout(h as NodeJS.Timeout); } };
  }

  /** Run what is due now, then keep the timer armed until `stop()`. */
  async start(): Promise<PassReport> {
    this.running = true;
    return this.runDue();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.disarm();
    await this.queue.catch(() => undefined);
  }

  /** One pass: the checks that are due, then the notifications that are due. */
  runDue(): Promise<PassReport> {
    return this.enqueue(null);
  }

  /** Check these entries now (after add or rotate, or "Check now"), whatever their schedule. */
  checkNow(ids: readonly string[]): Promise<PassReport> {
    return this.enqueue({ ids: new Set(ids) });
  }

  /** After sleep: whatever fell due meanwhile runs now. */
  resume(): Promise<PassReport> {
    return this.enqueue(null);
  }

  /** The network is back: entries that could not be checked are checked now. */
  online(): Promise<PassReport> {
    return this.enqueue({ unknownOnly: true });
  }

  /** The vault changed outside this process (the CLI): plan again from what is there now. */
  refresh(): Promise<PassReport> {
    return this.enqueue(null);
  }

  private enqueue(force: Force): Promise<PassReport> {
    const pass = this.queue.then(() => this.pass(force)).catch((error: unknown) => {
      // A failed pass (vault locked, unreadable, keychain gone) must not leave the monitor
      // without a timer: say why and try again in a minute.
      if (this.running) {
        this.log(`monitor: ${error instanceof Error ? error.message : String(error)}; trying again in a minute`);
        this.arm(this.options.clock().getTime() + RETRY_FAILED_PASS_MS, this.options.clock());
      }
      throw error;
    });
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  private async pass(force: Force): Promise<PassReport> {
    this.disarm();
    const { vault, clock } = this.options;
    const { entries, settings } = await vault.snapshot();
    const now = clock();
    const due = entries.filter((e) => isForced(e, force) || checkDueAt(e, settings) <= now.getTime());
    const asked = force !== null && 'ids' in force; // checkNow: a person waits on it
    const outcomes = await this.checkAll(due, now, asked ? CHECK_CONCURRENCY : MONITOR_CHECKS);
    const seen = new Map(due.map((e) => [e.id, fingerprint(e)]));
    const at = clock();
    const anyExpiryDue = entries.some((e) => expiryNotice(e, at, settings) !== null);

    const notices: Notice[] = [];
    const checked: PassReport['checked'] = [];
    let after = entries;
    if (outcomes.size > 0 || anyExpiryDue) {
      after = await vault.updateEntries((current) => current.map((entry) => this.settle(entry, this.stillFor(entry, outcomes, seen), at, settings, notices, checked)));
    }
    const notified = collapse(notices);
    for (const notification of notified) {
      this.log(`notify: ${notification.title}: ${notification.body}`);
      if (settings.notifications) await this.options.notifier.send(notification);
    }
    const nextAt = nextEventAt(after, settings);
    this.arm(nextAt, at);
    return { checked, notified, nextAt };
  }

  /** The entry after this pass: its check recorded and rescheduled, its due expiry notice taken. */
  private settle(entry: Entry, outcome: CheckOutcome | 'skipped' | undefined, at: Date, settings: Settings, notices: Notice[], checked: PassReport['checked']): Entry {
    let next = entry;
    if (outcome === 'skipped') {
      // Without this the entry stays due and the timer would fire again at once, forever.
      const failStreak = entry.failStreak + 1;
      next = { ...entry, failStreak, nextCheckAt: new Date(at.getTime() + backoffMs(failStreak)).toISOString() };
    } else if (outcome) {
      const applied = recordCheck(entry, outcome, at, settings, this.random);
      next = applied.entry;
      checked.push({ name: entry.name, outcome: outcome.result });
      const status = effectiveStatus(next, at, settings.thresholdsDays);
      const retry = outcome.result === 'unknown' && next.nextCheckAt ? `; next try ${next.nextCheckAt}` : '';
      this.log(`check ${entry.name}: ${status}${outcome.result === 'ok' ? '' : ` (${outcome.message})`}${retry}`);
      if (applied.drift) this.log(`drift: ${applied.drift}`);
      notices.push(...checkNotices(entry, next, status === 'expired'));
    }
    const expiry = expiryNotice(next, at, settings);
    if (expiry) {
      if (expiry.notice) notices.push(expiry.notice);
      next = { ...next, warned: expiry.warned };
    }
    return next;
  }

  /** The outcome, unless the entry changed while it was being checked (rotated, or checked by the CLI). */
  private stillFor(entry: Entry, outcomes: ReadonlyMap<string, CheckOutcome | 'skipped'>, seen: ReadonlyMap<string, string>): CheckOutcome | 'skipped' | undefined {
    const outcome = outcomes.get(entry.id);
    if (outcome === undefined || seen.get(entry.id) === fingerprint(entry)) return outcome;
    this.log(`check ${entry.name}: result dropped, the entry changed meanwhile`);
    return undefined;
  }

  private async checkAll(due: readonly Entry[], now: Date, concurrency: number): Promise<Map<string, CheckOutcome | 'skipped'>> {
    const outcomes = new Map<string, CheckOutcome | 'skipped'>();
    // A workspace still waiting out a 429 from an earlier pass is not asked: its entries wait with it.
    const asked = due.filter((entry) => {
      const until = this.backingOff.get(workspaceKey(entry)) ?? 0;
      if (until <= now.getTime()) return true;
      outcomes.set(entry.id, rateLimited(until - now.getTime()));
      return false;
    });
    if (asked.length === 0) return outcomes;
    const client = await this.options.client();
    const { lanes } = await spreadChecks(asked, { concurrency, ...this.options.checkOptions }, async (entry, laned) => {
      try {
        outcomes.set(entry.id, await checkEntry(this.options.vault, client, entry, laned));
      } catch (error) {
        // The keychain (or the lock of an OAuth refresh), not Notion, failed: leave the entry as it was, say why, and back off.
        outcomes.set(entry.id, 'skipped');
        this.log(`check ${entry.name}: skipped (${error instanceof Error ? error.message : String(error)})`);
      }
    });
    const at = this.options.clock().getTime();
    for (const [key, ms] of lanes.backoffs()) {
      this.backingOff.set(key, at + ms);
      this.log(`rate limited: a workspace waits ${String(Math.ceil(ms / 1000))} s before its next request`);
    }
    return outcomes;
  }

  private arm(nextAt: number | null, now: Date): void {
    if (!this.running || nextAt === null) return;
    const wait = Math.min(Math.max(0, nextAt - now.getTime()), MAX_SLEEP_MS);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.runDue().catch(() => undefined); // enqueue logged it and re-armed
    }, wait);
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** An entry not asked because its workspace is backing off: rescheduled after the backoff, like a 429 of its own. */
const rateLimited = (ms: number): CheckOutcome => ({
  result: 'unknown', code: 'rate_limited', unreachable: false, retryAfterMs: ms,
  message: 'Notion is rate-limiting this workspace: it will be checked again once Notion allows.',
});

/** What a rotation or another process's check changes; equal fingerprints mean the outcome still applies. */
const fingerprint = (e: Entry): string => JSON.stringify([e.createdAt, e.lastCheckedAt, e.nextCheckAt, e.status, e.failStreak]);

function isForced(entry: Entry, force: Force): boolean {
  if (force === null) return false;
  return 'ids' in force ? force.ids.has(entry.id) : entry.status === 'unknown';
}
