import { useEffect, useState } from 'react';
import { useAction, type Action } from '../lib/use-action';

const REVEAL_S = 30;

export interface Reveal {
  action: Action;
  /** The secret while it is shown, else null. */
  secret: string | null;
  /** Whole seconds until it is hidden again. */
  left: number;
  toggle: () => Promise<void>;
}

/**
 * The one place a secret reaches the window: on an explicit Reveal, held in this hook's state
 * only, and dropped after 30 s, on Hide, when the window is hidden, or when the view goes.
 */
export function useReveal(entryId: string): Reveal {
  const action = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  const [left, setLeft] = useState(REVEAL_S);
  useEffect(() => {
    if (secret === null) return;
    // Counted from the moment it was shown, so a late tick never shows more time than is left.
    const shownAt = Date.now();
    const tick = window.setInterval(() => {
      const remaining = REVEAL_S - Math.floor((Date.now() - shownAt) / 1000);
      if (remaining <= 0) setSecret(null);
      else setLeft(remaining);
    }, 1000);
    const onVisibility = (): void => { if (document.visibilityState === 'hidden') setSecret(null); };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [secret]);

  const toggle = async (): Promise<void> => {
    if (secret !== null) {
      setSecret(null);
      return;
    }
    const outcome = await action.run(() => window.vault.vaultReveal(entryId));
    if (!outcome.ok) return;
    setLeft(REVEAL_S);
    setSecret(outcome.value);
  };
  return { action, secret, left, toggle };
}

/** The revealed token and how long it stays. The countdown is not announced each second: only its start is. */
export function RevealedToken({ secret, left }: { secret: string; left: number }) {
  return (
    <div className="revealed">
      <code className="secret">{secret}</code>
      <p className="hint">
        Hidden again in <span className="countdown" aria-live="off">{left}</span> s.
      </p>
    </div>
  );
}
