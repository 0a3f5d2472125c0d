import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { errorMessage } from './errors';

export interface IntegrationsState {
  /** null until the first answer. */
  integrations: IntegrationSummary[] | null;
  error: string | null;
  reload: () => void;
}

/** The public integrations registered for OAuth, loaded once and again whenever main says the vault changed. */
export function useIntegrations(): IntegrationsState {
  const [integrations, setIntegrations] = useState<IntegrationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may land: answers to earlier reloads can arrive after it.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    window.vault.integrationsList().then(
      (list) => {
        if (ticket !== latest.current) return;
        setIntegrations(list);
        setError(null);
      },
      (caught: unknown) => { if (ticket === latest.current) setError(errorMessage(caught)); },
    );
  }, []);
  useEffect(() => {
    reload();
    return window.vault.on('vault:changed', reload);
  }, [reload]);
  return { integrations, error, reload };
}
