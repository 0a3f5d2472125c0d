import { useId } from 'react';
import type { HistoryItem } from '../../electron/common/types';
import { formatTime } from '../lib/format';
import { StatusBadge } from '../shared/status-badge';

const EVENT_TEXT: Readonly<Record<HistoryItem['event'], string>> = { added: 'Added', rotated: 'Rotated', checked: 'Checked' };

/** Adds, rotations and every change of a check's verdict, newest first. */
export function HistoryList({ history }: { history: readonly HistoryItem[] }) {
  const id = useId();
  const items = history.slice().reverse();
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>Status history</h3>
      {items.length === 0 ? <p>Nothing yet.</p> : (
        <ol className="history">
          {items.map((item, index) => (
            <li key={`${item.at}-${String(index)}`}>
              <time dateTime={item.at}>{formatTime(item.at)}</time>
              <span className="history-event">{EVENT_TEXT[item.event]}</span>
              <StatusBadge status={item.status} />
              {item.message === null ? null : <span className="history-message">{item.message}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
