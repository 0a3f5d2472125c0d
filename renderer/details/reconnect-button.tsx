import type { EntrySummary } from '../../electron/common/ipc-contract';
import type { ReconnectTarget } from '../wizard/reconnect';

interface ReconnectProps {
  entry: EntrySummary;
  integrationId: string;
  /** The ReconnectHint's id: what the button does, said below the row of actions. */
  hintId: string;
  onReconnect: (target: ReconnectTarget) => void;
}

/**
 * A connection made through a public integration refreshes its own token and cannot be rotated
 * (main refuses): it gets new tokens by connecting again, which the wizard's OAuth path does.
 */
export function ReconnectButton({ entry, integrationId, hintId, onReconnect }: ReconnectProps) {
  return (
    <button
      type="button"
      className="button-secondary"
      aria-describedby={hintId}
      onClick={() => { onReconnect({ entryName: entry.name, integrationId, workspaceName: entry.workspaceName }); }}
    >
      Connect again
    </button>
  );
}

export function ReconnectHint({ entry, id }: { entry: EntrySummary; id: string }) {
  const workspace = entry.workspaceName === null ? '' : ` (${entry.workspaceName})`;
  return (
    <p id={id} className="hint">
      This connection refreshes its own token, so it is not rotated: to give it new tokens, connect again through the same
      integration and pick the same workspace{workspace} in Notion. It is updated in place.
    </p>
  );
}
