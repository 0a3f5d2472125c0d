import { useId, useRef } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { useAction } from '../lib/use-action';
import { ErrorText } from '../shared/feedback';

/** Remove, confirmed in a native modal dialog (Escape or Cancel closes it). */
export function RemoveButton({ entry, onRemoved }: { entry: EntrySummary; onRemoved: (name: string) => void }) {
  const id = useId();
  const action = useAction();
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = async (): Promise<void> => {
    const outcome = await action.run(() => window.vault.vaultRemove(entry.id));
    if (!outcome.ok) return;
    dialog.current?.close();
    onRemoved(entry.name);
  };
  return (
    <div className="manage-item">
      <button type="button" className="button-danger" onClick={() => { action.clear(); dialog.current?.showModal(); }}>Remove</button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h3 id={`${id}-title`}>Remove {entry.name}?</h3>
        <p id={`${id}-text`}>
          The token is deleted from your keychain and this vault. Notion keeps accepting it until you revoke it in Notion; scripts that use it through the vault stop working.
        </p>
        <ErrorText message={action.error} />
        <div className="inline-actions">
          <button type="button" className="button-secondary" onClick={() => { dialog.current?.close(); }}>Cancel</button>
          <button type="button" className="button-danger" aria-disabled={action.busy} onClick={() => void remove()}>Remove from vault</button>
        </div>
      </dialog>
    </div>
  );
}
