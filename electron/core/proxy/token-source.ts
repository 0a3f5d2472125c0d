/** Where the proxy gets the real token, and a new one when Notion rejects it. */
export interface TokenSourceOptions {
  /** The entry's token as stored now (read from the keychain). */
  token: () => Promise<string>;
  /** The token to start with when the caller has just read it: `token` is then asked only to renew. */
  initial?: string;
  /**
   * For an OAuth entry: a new access token after Notion rejected `rejected`, or null when there
   * is none (the refresh was refused or failed). Runs under the entry's lock (see refresh.ts).
   */
  refresh?: (rejected: string) => Promise<string | null>;
}

export interface TokenSource {
  /** The token to send now. */
  current(): string;
  /**
   * After Notion rejected `rejected`: the token to retry with, or null. Many requests rejected
   * at once share one renewal; one rejected with a token already replaced gets the new one.
   */
  renew(rejected: string): Promise<string | null>;
}

/** How long a renewal that found no token answers for the same rejected token. */
const FAILED_RENEWAL_MS = 10_000;

export async function openTokenSource({ token, initial, refresh }: TokenSourceOptions): Promise<TokenSource> {
  let current = initial ?? (await token());
  const pending = new Map<string, Promise<string | null>>();

  async function renewal(rejected: string): Promise<string | null> {
    // Stored meanwhile by someone else (rotate, the app's monitor refreshing): no refresh needed.
    const stored = await token();
    const next = stored !== rejected ? stored : refresh ? await refresh(rejected) : null;
    if (next !== null && current === rejected) current = next;
    return next;
  }

  return {
    current: () => current,
    renew(rejected) {
      if (current !== rejected) return Promise.resolve(current);
      let running = pending.get(rejected);
      if (running === undefined) {
        running = renewal(rejected);
        pending.set(rejected, running);
        // A renewal that found nothing is the answer for a while: a child retrying in a loop must
        // not send Notion a refresh per request. A thrown one (the keychain) is retried next time.
        const forget = (): void => { pending.delete(rejected); };
        running.then((next) => { if (next === null) setTimeout(forget, FAILED_RENEWAL_MS).unref(); else forget(); }, forget);
      }
      return running;
    },
  };
}
