import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { plural } from '../../electron/common/status';
import { useNow } from '../lib/use-now';
import { ErrorText, StatusText } from '../shared/feedback';
import { ViewHeading } from '../shared/view-heading';
import { EmptyState } from './empty-state';
import { ExpiryTimeline } from './expiry-timeline';
import { groupEntries } from './group-entries';
import { WorkspaceGroup } from './workspace-group';

interface VaultListProps {
  entries: EntrySummary[] | null;
  error: string | null;
  reload: () => void;
  /** What just happened elsewhere ("Removed acme-pat."). */
  notice: string | null;
  onOpen: (id: string) => void;
  onAdd: () => void;
}

export function VaultList({ entries, error, reload, notice, onOpen, onAdd }: VaultListProps) {
  const id = useId();
  const now = useNow();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const groups = useMemo(() => groupEntries(entries ?? [], deferredQuery), [entries, deferredQuery]);
  const shown = groups.reduce((n, group) => n + group.entries.length, 0);

  useEffect(() => {
    // A named event for tests and the bench: the list has been drawn with the vault's data.
    if (entries !== null && performance.getEntriesByName('vault-list-rendered').length === 0) performance.mark('vault-list-rendered');
  }, [entries]);

  return (
    <section className="view" aria-labelledby={`${id}-title`}>
      <ViewHeading id={`${id}-title`}>Your tokens</ViewHeading>
      <StatusText message={notice ?? (entries === null && error === null ? 'Loading…' : null)} />
      {error === null ? null : (
        <div className="inline-actions">
          <ErrorText message={error} />
          <button type="button" className="button-secondary" onClick={reload}>Try again</button>
        </div>
      )}
      {entries === null ? null : entries.length === 0 ? <EmptyState onAdd={onAdd} /> : (
        <>
          <ExpiryTimeline entries={entries} onOpen={onOpen} />
          <div className="field search">
            <label htmlFor={`${id}-search`}>Search tokens</label>
            <input id={`${id}-search`} type="search" value={query} aria-describedby={`${id}-count`} onChange={(event) => { setQuery(event.target.value); }} />
            <p id={`${id}-count`} className="hint" aria-live="polite">
              {deferredQuery.trim() === '' ? `${plural(entries.length, 'token')} in ${plural(groups.length, 'workspace')}` : `${String(shown)} of ${plural(entries.length, 'token')} match`}
            </p>
          </div>
          <div id="entries">
            {groups.map((group) => <WorkspaceGroup key={group.title} group={group} now={now} onOpen={onOpen} />)}
          </div>
          {groups.length === 0 ? <p>No token matches “{deferredQuery.trim()}”.</p> : null}
        </>
      )}
    </section>
  );
}
