import type { EntrySummary } from '../../electron/common/ipc-contract';
import { daysLeftText, KIND_SHORT, whenCell } from '../lib/format';
import { StatusBadge } from '../shared/status-badge';

interface EntryRowProps {
  entry: EntrySummary;
  now: number;
  onOpen: (id: string) => void;
}

export function EntryRow({ entry, now, onOpen }: EntryRowProps) {
  return (
    <tr>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => { onOpen(entry.id); }}>{entry.name}</button>
      </th>
      <td>{KIND_SHORT[entry.kind]}</td>
      <td>
        <StatusBadge status={entry.shownStatus} />
        {entry.pagesShared === false ? (
          <span className="row-warning">
            <span aria-hidden="true">⚠ </span>
            {entry.kind === 'pat' ? 'Sees no pages yet' : 'No pages shared with it'}
          </span>
        ) : null}
      </td>
      <td>{daysLeftText(entry.daysLeft)}</td>
      <td>{whenCell(entry.lastCheckedAt, now)}</td>
      <td>
        {whenCell(entry.lastUsedAt, now)}
        {entry.unusedDays !== null ? (
          <span className="row-warning">
            <span aria-hidden="true">⚠ </span>
            Unused: revoke it if nothing needs it
          </span>
        ) : null}
      </td>
    </tr>
  );
}
