import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { useVaultQuery } from './use-vault-query';

export interface IntegrationsState {
  /** null until the first answer. */
  integrations: IntegrationSummary[] | null;
  error: string | null;
  reload: () => void;
}

const listIntegrations = (): Promise<IntegrationSummary[]> => window.vault.integrationsList();

/** The public integrations registered for OAuth, loaded once and again whenever main says the vault changed. */
export function useIntegrations(): IntegrationsState {
  const { data, error, reload } = useVaultQuery(listIntegrations);
  return { integrations: data, error, reload };
}
