import type { EntrySummary } from '../../electron/common/ipc-contract';
import { displayEntry } from './display-entry';
import { useVaultQuery } from './use-vault-query';

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
  return (first ?? window.vault.vaultList()).then((entries) => entries.map(displayEntry));
}

/** The vault's entries, loaded once and again whenever main says the vault changed. */
export function useEntries(): EntriesState {
  const { data, error, reload } = useVaultQuery(listEntries);
  return { entries: data, error, reload };
}
