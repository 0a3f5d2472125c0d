import { useCallback, useRef, useState } from 'react';
import { errorMessage } from './errors';

export type Outcome<T> = { ok: true; value: T } | { ok: false };

export interface Action {
  /** Shown with aria-disabled rather than disabled, so a busy button keeps the keyboard focus. */
  busy: boolean;
  /** Main's one-line explanation of the last failure, shown near the control that caused it. */
  error: string | null;
  /** Runs `work` unless a run is still going (a second click while busy does nothing). */
  run: <T>(work: () => Promise<T>) => Promise<Outcome<T>>;
  /** Show a problem found before asking main (e.g. an invalid name). */
  fail: (message: string) => void;
  clear: () => void;
}

/** One async call to `window.vault` with its busy flag and its error, so each action reports next to itself. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
    if (running.current) return { ok: false };
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return { ok: true, value: await work() };
    } catch (caught) {
      setError(errorMessage(caught));
      return { ok: false };
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const fail = useCallback((message: string) => { setError(message); }, []);
  const clear = useCallback(() => { setError(null); }, []);
  return { busy, error, run, fail, clear };
}
