import { useId } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import type { ReconnectTarget } from '../wizard/reconnect';

/**
 * A connection made through a public integration refreshes its own token and cannot be rotated
 * (main refuses): it gets new tokens by connecting again, which the wizard's OAuth path does.
 */
export function ReconnectButton({ entry, integrationId, onReconnect }: { entry: EntrySummary; integrationId: string; onReconnect: (target: ReconnectTarget) => void }) {
  const id = useId();
  const workspace = entry.workspaceName === null ? '' : ` (${entry.workspaceName})`;
  return (
    <div className="manage-item">
      <button
        type="button"
        className="button-secondary"
        aria-describedby={`${id}-hint`}
        onClick={() => { onReconnect({ entryName: entry.name, integrationId, workspaceName: entry.workspaceName }); }}
      >
        Connect again
      </button>
      <p id={`${id}-hint`} className="hint">
        This connection refreshes its own token, so it is not rotated: to give it new tokens, connect again through the same
        integration and pick the same workspace{workspace} in Notion. It is updated in place.
      </p>
    </div>
  );
}
