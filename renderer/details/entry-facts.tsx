import { useId } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { ago, formatDay, formatTime, identityText } from '../lib/format';

function when(iso: string | null, now: number, never: string): string {
  return iso === null ? never : `${formatTime(iso)} (${ago(iso, now)})`;
}

/** What is known of the entry. Its kind and workspace are in the subtitle, its days left and last check in the status line. */
export function EntryFacts({ entry, now }: { entry: EntrySummary; now: number }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>Details</h3>
      <dl className="facts">
        <dt>Identity</dt>
        <dd>{identityText(entry.identity)}</dd>
        <dt>Created</dt>
        <dd>{formatDay(entry.createdAt)}</dd>
        <dt>Expires</dt>
        <dd>{entry.expiresAt === null ? 'Never' : formatDay(entry.expiresAt)}</dd>
        <dt>Added to the vault</dt>
        <dd>{formatTime(entry.addedAt)}</dd>
        <dt>Last checked</dt>
        <dd>{entry.lastCheckedAt === null ? 'Never' : formatTime(entry.lastCheckedAt)}</dd>
        <dt>Last OK</dt>
        <dd>{when(entry.lastOkAt, now, 'Never')}</dd>
        <dt>Last used</dt>
        <dd>{when(entry.lastUsedAt, now, 'Never')}</dd>
        <dt>Last error</dt>
        <dd>{entry.lastError === null ? 'None' : `${entry.lastError.message} (${ago(entry.lastError.at, now)})`}</dd>
      </dl>
    </section>
  );
}
