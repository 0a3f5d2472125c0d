import { useState } from 'react';
import type { CopyFormat } from '../../electron/common/ipc-contract';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';

/** Main copies the secret and clears the clipboard later; the window never holds it. */
export function CopyActions({ entryId }: { entryId: string }) {
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const copy = async (format: CopyFormat): Promise<void> => {
    setDone(null);
    const outcome = await action.run(() => window.vault.vaultCopy(entryId, format));
    if (!outcome.ok) return;
    const ms = outcome.value;
    setDone(ms === null ? 'Copied' : `Copied; the clipboard is cleared in ${String(Math.round(ms / 1000))} s`);
  };
  return (
    <div>
      <div className="inline-actions">
        <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void copy('token')}>Copy token</button>
        <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void copy('env')}>Copy as NOTION_TOKEN=…</button>
      </div>
      <StatusText message={done} />
      <ErrorText message={action.error} />
    </div>
  );
}
