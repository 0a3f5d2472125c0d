import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './errors';

export interface VaultQuery<T> {
  /** null until the first answer. */
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** What `ask` answers, loaded once and again whenever main says the vault changed. `ask` must be stable (module-level). */
export function useVaultQuery<T>(ask: () => Promise<T>): VaultQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may land: answers to earlier reloads can arrive after it.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    ask().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
      },
      (caught: unknown) => { if (ticket === latest.current) setError(errorMessage(caught)); },
    );
  }, [ask]);
  useEffect(() => {
    reload();
    return window.vault.on('vault:changed', reload);
  }, [reload]);
  return { data, error, reload };
}
