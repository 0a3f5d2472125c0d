import { useEffect, useState } from 'react';
import { useAction } from '../lib/use-action';
import { ErrorText } from '../shared/feedback';

const REVEAL_MS = 30_000;

/**
 * The one place a secret reaches the window: on an explicit Reveal, held in this component's
 * state only, and dropped after 30 s, on Hide, when the window is hidden, or when the view goes.
 */
export function RevealToken({ entryId }: { entryId: string }) {
  const action = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  useEffect(() => {
    if (secret === null) return;
    const timer = window.setTimeout(() => { setSecret(null); }, REVEAL_MS);
    const onVisibility = (): void => { if (document.visibilityState === 'hidden') setSecret(null); };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [secret]);

  const toggle = async (): Promise<void> => {
    if (secret !== null) {
      setSecret(null);
      return;
    }
    const outcome = await action.run(() => window.vault.vaultReveal(entryId));
    if (outcome.ok) setSecret(outcome.value);
  };
  // One button whose label flips, so the focus stays on it when the token is shown or hidden.
  return (
    <div className="reveal">
      <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void toggle()}>{secret === null ? 'Reveal' : 'Hide'}</button>
      {secret === null ? null : (
        <>
          <code className="secret">{secret}</code>
          <p className="hint">Hidden again in 30 s.</p>
        </>
      )}
      <ErrorText message={action.error} />
    </div>
  );
}
