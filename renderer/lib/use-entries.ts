import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { errorMessage } from './errors';

export interface EntriesState {
  /** null until the first answer. */
  entries: EntrySummary[] | null;
  error: string | null;
  reload: () => void;
}

let preloaded: Promise<EntrySummary[]> | null = null;

/** Asks main for the list before React's first render, so the answer is on its way while the page sets up. */
export function preloadEntries(): void {
  preloaded = window.vault.vaultList();
  preloaded.catch(() => undefined); // reported by the first reload, which takes this promise
}

function listEntries(): Promise<EntrySummary[]> {
  const first = preloaded;
  preloaded = null;
  return first ?? window.vault.vaultList();
}

/** The vault's entries, loaded once and again whenever main says the vault changed. */
export function useEntries(): EntriesState {
  const [entries, setEntries] = useState<EntrySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may land: answers to earlier reloads can arrive after it.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    listEntries().then(
      (list) => {
        if (ticket !== latest.current) return;
        setEntries(list);
        setError(null);
      },
      (caught: unknown) => { if (ticket === latest.current) setError(errorMessage(caught)); },
    );
  }, []);
  useEffect(() => {
    reload();
    return window.vault.on('vault:changed', reload);
  }, [reload]);
  return { entries, error, reload };
}
