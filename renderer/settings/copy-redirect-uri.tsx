import { useState } from 'react';
import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';

/** Main copies the redirect URI (the sandboxed window has no clipboard of its own); `named` tells several apart. */
export function CopyRedirectUri({ integration, named = false }: { integration: IntegrationSummary; named?: boolean }) {
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    setDone(null);
    const outcome = await action.run(() => window.vault.integrationsCopyRedirectUri(integration.id));
    if (outcome.ok) setDone(`Copied ${integration.redirectUri}`);
  };
  return (
    <div>
      <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void copy()}>
        Copy redirect URI{named ? <span className="visually-hidden"> of {integration.name}</span> : null}
      </button>
      <StatusText message={done} />
      <ErrorText message={action.error} />
    </div>
  );
}
