import type { Client } from '@notionhq/client';
import { classifyError, type Failure } from './classify-error';
import { readMe, type Me } from './read-me';
import { BackingOff, WorkspaceLanes, type Lane } from './workspace-lanes';

export type CheckOutcome =
  | { result: 'ok'; me: Me; pagesShared: boolean | null }
  | { result: 'unauthorized'; code: string; message: string }
  | { result: 'unknown'; code: string; message: string; unreachable: boolean; retryAfterMs: number | null };

export interface CheckOptions {
  /** Wait out a `Retry-After` up to this long before trying again; longer ones end the check as unknown. */
  maxRetryWaitMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The token's workspace lane (workspace-lanes.ts); without one, the check gets a lane of its own. */
  lane?: Lane;
}

/** Ask Notion whether the token works (`users/me`), and whether it sees any page (`search`). */
export async function checkToken(client: Client, token: string, given: CheckOptions = {}): Promise<CheckOutcome> {
  const options = withLane(given);
  // The SDK types users.me's args as Record<string, never> & { auth?: string }, which makes
  // `auth` itself `never`; the call does accept a per-call auth at run time.
  const me = await request(() => client.users.me({ auth: token } as unknown as Parameters<Client['users']['me']>[0]), options);
  if (!me.ok) return toOutcome(me.failure);
  const parsed = readMe(me.value);
  if (parsed === null) {
    return { result: 'unknown', code: 'malformed', message: 'Notion answered users/me with something that is not a user: check again later.', unreachable: false, retryAfterMs: null };
  }
  const search = await request(() => client.search({ auth: token, page_size: 1 }), options);
  if (search.ok) return { result: 'ok', me: parsed, pagesShared: search.value.results.length > 0 };
  // The token worked a moment ago; only a 401 undoes that. Other search failures leave "pages shared" undecided.
  if (search.failure.kind === 'unauthorized') return toOutcome(search.failure);
  return { result: 'ok', me: parsed, pagesShared: null };
}

const MIN_RETRY_WAIT_MS = 1_000;

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** The options with a lane: the caller's, or one of this check's own. */
export function withLane(options: CheckOptions): CheckOptions & { lane: Lane } {
  return { ...options, lane: options.lane ?? new WorkspaceLanes({ maxWaitMs: options.maxRetryWaitMs, sleep: options.sleep }).lane('own') };
}

/** One request through the token's workspace lane, retried on 429/529 as Notion asks. */
export async function request<T>(call: () => Promise<T>, { maxRetryWaitMs = 10_000, maxAttempts = 3, sleep = defaultSleep, lane }: CheckOptions & { lane: Lane }): Promise<Attempt<T>> {
  let waited = false;
  for (let attempt = 1; ; attempt++) {
    // Filled in by the failed call itself, inside its lane slot (see below).
    const failed: { failure: Failure | null; wait: number | null; deadline: number | null } = { failure: null, wait: null, deadline: null };
    try {
      return {
        ok: true,
        value: await lane.run(async () => {
          try {
            return await call();
          } catch (error) {
            const failure = classifyError(error);
            // Never sooner than a second: a check's two requests plus a retry then stay within
            // Notion's ~3 requests per second per token, even when Retry-After says 0.
            const wait = failure.kind === 'retry' ? Math.max(MIN_RETRY_WAIT_MS, failure.retryAfterMs ?? 1_000 * 2 ** (attempt - 1)) : null;
            // A 429 may be the workspace's budget, shared by all of its connections: the whole lane
            // waits, from before this request gives up its slot to the next one.
            const deadline = wait !== null && failure.code === 'rate_limited' ? lane.backOff(wait) : null;
            Object.assign(failed, { failure, wait, deadline });
            throw error;
          }
        }, waited),
      };
    } catch (error) {
      if (error instanceof BackingOff) return { ok: false, failure: backingOff(error.remainingMs) };
      failed.failure ??= classifyError(error);
    }
    const { failure, wait, deadline } = failed;
    if (wait === null || attempt >= maxAttempts || wait > maxRetryWaitMs) return { ok: false, failure };
    await sleep(wait);
    if (deadline !== null) lane.waitedUntil(deadline);
    waited = true;
  }
}

/** A request not sent: its workspace is waiting out a 429 longer than this check may wait. */
const backingOff = (remainingMs: number): Failure => ({
  kind: 'retry', code: 'rate_limited', retryAfterMs: remainingMs,
  message: 'Notion is rate-limiting this workspace: it will be checked again once Notion allows.',
});

function toOutcome(failure: Failure): CheckOutcome {
  if (failure.kind === 'unauthorized') return { result: 'unauthorized', code: failure.code, message: failure.message };
  if (failure.kind === 'retry') return { result: 'unknown', code: failure.code, message: failure.message, unreachable: false, retryAfterMs: failure.retryAfterMs };
  return { result: 'unknown', code: failure.code, message: failure.message, unreachable: failure.unreachable, retryAfterMs: null };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
