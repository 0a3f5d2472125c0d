import type { Client } from '@notionhq/client';
import { classifyError, type Failure } from './classify-error';
import { readMe, type Me } from './read-me';

export type CheckOutcome =
  | { result: 'ok'; me: Me; pagesShared: boolean | null }
  | { result: 'unauthorized'; code: string; message: string }
  | { result: 'unknown'; code: string; message: string; unreachable: boolean; retryAfterMs: number | null };

export interface CheckOptions {
  /** Wait out a `Retry-After` up to this long before trying again; longer ones end the check as unknown. */
  maxRetryWaitMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Ask Notion whether the token works (`users/me`), and whether it sees any page (`search`). */
export async function checkToken(client: Client, token: string, options: CheckOptions = {}): Promise<CheckOutcome> {
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

type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function request<T>(call: () => Promise<T>, { maxRetryWaitMs = 10_000, maxAttempts = 3, sleep = defaultSleep }: CheckOptions): Promise<Attempt<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      const failure = classifyError(error);
      // Never sooner than a second: a check's two requests plus a retry then stay within
      // Notion's ~3 requests per second per token, even when Retry-After says 0.
      const wait = failure.kind === 'retry' ? Math.max(MIN_RETRY_WAIT_MS, failure.retryAfterMs ?? 1_000 * 2 ** (attempt - 1)) : null;
      if (wait === null || attempt >= maxAttempts || wait > maxRetryWaitMs) return { ok: false, failure };
      await sleep(wait);
    }
  }
}

function toOutcome(failure: Failure): CheckOutcome {
  if (failure.kind === 'unauthorized') return { result: 'unauthorized', code: failure.code, message: failure.message };
  if (failure.kind === 'retry') return { result: 'unknown', code: failure.code, message: failure.message, unreachable: false, retryAfterMs: failure.retryAfterMs };
  return { result: 'unknown', code: failure.code, message: failure.message, unreachable: failure.unreachable, retryAfterMs: null };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
