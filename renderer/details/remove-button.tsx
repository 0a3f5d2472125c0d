import { useId, useRef, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { useAction } from '../lib/use-action';
import { ErrorText } from '../shared/feedback';

/** Remove, confirmed in a native modal dialog (Escape or Cancel closes it). A connected OAuth entry can be revoked in Notion first. */
export function RemoveButton({ entry, onRemoved }: { entry: EntrySummary; onRemoved: (name: string) => void }) {
  const id = useId();
  const action = useAction();
  const dialog = useRef<HTMLDialogElement>(null);
  const connected = entry.integrationId != null;
  const [revoke, setRevoke] = useState(true);
  const remove = async (): Promise<void> => {
    const outcome = await action.run(() => window.vault.vaultRemove(entry.id, connected ? { revoke } : {}));
    if (!outcome.ok) return;
    dialog.current?.close();
    onRemoved(entry.name);
  };
  return (
    <>
      <button type="button" className="button-danger" onClick={() => { action.clear(); setRevoke(true); dialog.current?.showModal(); }}>Remove</button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h3 id={`${id}-title`}>Remove {entry.name}?</h3>
        <p id={`${id}-text`}>
          {!connected
            ? 'The token is deleted from your keychain and this vault. Notion keeps accepting it until you revoke it in Notion; scripts that use it through the vault stop working.'
            : revoke
              ? 'Notion revokes the connection’s access first; then its tokens are deleted from your keychain and this vault. If Notion cannot be reached, nothing is removed.'
              : 'Its tokens are deleted from your keychain and this vault, but the access stays granted in Notion until you revoke it there (Settings → Connections).'}
        </p>
        {connected ? (
          <div className="field field-check">
            <input id={`${id}-revoke`} type="checkbox" checked={revoke} onChange={(event) => { setRevoke(event.target.checked); }} />
            <label htmlFor={`${id}-revoke`}>Also revoke it in Notion</label>
          </div>
        ) : null}
        <ErrorText message={action.error} />
        <div className="inline-actions">
          <button type="button" className="button-secondary" onClick={() => { dialog.current?.close(); }}>Cancel</button>
          <button type="button" className="button-danger" aria-disabled={action.busy} onClick={() => void remove()}>Remove from vault</button>
        </div>
      </dialog>
    </>
  );
}
