import type { Settings } from '../../electron/common/types';
import { useVaultQuery } from './use-vault-query';

const getSettings = (): Promise<Settings> => window.vault.settingsGet();

/** The vault's settings (null until the first answer), loaded again whenever main says the vault changed (a save in Settings does). */
export function useSettings(): Settings | null {
  return useVaultQuery(getSettings).data;
}
