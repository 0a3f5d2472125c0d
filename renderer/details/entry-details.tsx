import { useId, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { KIND_LONG } from '../lib/format';
import { useNow } from '../lib/use-now';
import { ViewHeading } from '../shared/view-heading';
import type { ReconnectTarget } from '../wizard/reconnect';
import { EntryActions, type OpenForm } from './entry-actions';
import { EntryFacts } from './entry-facts';
import { HistoryList } from './history-list';
import { StatusPanel } from './status-panel';

interface EntryDetailsProps {
  entry: EntrySummary;
  /** Just added: what the save said (assumed expiry, no pages shared…); null when opened from elsewhere. */
  savedWarnings: readonly string[] | null;
  onBack: () => void;
  onRemoved: (name: string) => void;
  onChanged: () => void;
  /** A connected OAuth entry: open the wizard's OAuth path to connect it again (it cannot be rotated). */
  onReconnect: (target: ReconnectTarget) => void;
}

/** One entry on one screen (960×720): status and advice, a row of actions, then facts beside the newest history. */
export function EntryDetails({ entry, savedWarnings, onBack, onRemoved, onChanged, onReconnect }: EntryDetailsProps) {
  const id = useId();
  const now = useNow();
  const [open, setOpen] = useState<OpenForm>(null);
  const [rotateRequest, setRotateRequest] = useState(0);
  const rotate = (): void => {
    setOpen('rotate');
    setRotateRequest((n) => n + 1);
  };
  return (
    <section className="view details" aria-labelledby={`${id}-title`}>
      <button type="button" className="button-quiet back" onClick={onBack}>
        <span aria-hidden="true">← </span>Back to the list
      </button>
      <ViewHeading id={`${id}-title`}>{entry.name}</ViewHeading>
      <p className="subtitle">{KIND_LONG[entry.kind]} · {entry.workspaceName ?? 'workspace not known'}</p>
      {savedWarnings === null ? null : (
        <div role="status" className="notice notice-info">
          <p>Saved {entry.name} in the vault.</p>
          {savedWarnings.length > 0 ? <ul>{savedWarnings.map((warning) => <li key={warning}>{warning}</li>)}</ul> : null}
        </div>
      )}
      <StatusPanel entry={entry} now={now} onChanged={onChanged} onRotate={entry.integrationId == null ? rotate : null} />
      <EntryActions
        entry={entry}
        now={now}
        open={open}
        onOpen={(form) => { if (form === 'rotate') rotate(); else setOpen(form); }}
        rotateRequest={rotateRequest}
        onChanged={onChanged}
        onRemoved={onRemoved}
        onReconnect={onReconnect}
      />
      <div className="details-columns">
        <EntryFacts entry={entry} now={now} />
        <HistoryList history={entry.history} />
      </div>
    </section>
  );
}
