import { useId } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { KIND_LONG } from '../lib/format';
import { useNow } from '../lib/use-now';
import { PageQuestion } from '../shared/page-question';
import { ViewHeading } from '../shared/view-heading';
import type { ReconnectTarget } from '../wizard/reconnect';
import { CopyActions } from './copy-actions';
import { EntryFacts } from './entry-facts';
import { HistoryList } from './history-list';
import { ReconnectButton } from './reconnect-button';
import { RemoveButton } from './remove-button';
import { RenameForm } from './rename-form';
import { RevealToken } from './reveal-token';
import { RotateForm } from './rotate-form';
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

export function EntryDetails({ entry, savedWarnings, onBack, onRemoved, onChanged, onReconnect }: EntryDetailsProps) {
  const id = useId();
  const now = useNow();
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
      <StatusPanel entry={entry} now={now} onChanged={onChanged} />
      <section className="panel" aria-labelledby={`${id}-use`}>
        <h3 id={`${id}-use`}>Use the token</h3>
        <CopyActions entryId={entry.id} />
        <RevealToken entryId={entry.id} />
      </section>
      <section className="panel" aria-labelledby={`${id}-page`}>
        <h3 id={`${id}-page`}>Can it see this page?</h3>
        <PageQuestion label="Notion page link or id" byName={false} ask={(link) => window.vault.vaultCheckPage(entry.id, link)} />
      </section>
      <EntryFacts entry={entry} now={now} />
      <section className="panel" aria-labelledby={`${id}-manage`}>
        <h3 id={`${id}-manage`}>Manage</h3>
        <RenameForm entry={entry} onChanged={onChanged} />
        {entry.integrationId == null
          ? <RotateForm entry={entry} now={now} onChanged={onChanged} />
          : <ReconnectButton entry={entry} integrationId={entry.integrationId} onReconnect={onReconnect} />}
        <RemoveButton entry={entry} onRemoved={onRemoved} />
      </section>
      <HistoryList history={entry.history} />
    </section>
  );
}
