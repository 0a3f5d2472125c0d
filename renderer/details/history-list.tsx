import { useId, useState } from 'react';
import type { HistoryItem } from '../../electron/common/types';
import { formatTime } from '../lib/format';
import { StatusBadge } from '../shared/status-badge';

const EVENT_TEXT: Readonly<Record<HistoryItem['event'], string>> = { added: 'Added', rotated: 'Rotated', checked: 'Checked' };
/** The newest few fit beside the facts; the rest are a click away. */
const FIRST = 3;

/** Adds, rotations and every change of a check's verdict, newest first. */
export function HistoryList({ history }: { history: readonly HistoryItem[] }) {
  const id = useId();
  const [all, setAll] = useState(false);
  const items = history.slice().reverse();
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>Status history</h3>
      {items.length === 0 ? <p>Nothing yet.</p> : (
        <ol id={`${id}-list`} className="history">
          {shown.map((item, index) => (
            <li key={`${item.at}-${String(index)}`}>
              <time dateTime={item.at}>{formatTime(item.at)}</time>
              <span className="history-event">{EVENT_TEXT[item.event]}</span>
              <StatusBadge status={item.status} />
              {item.message === null ? null : <span className="history-message">{item.message}</span>}
            </li>
          ))}
        </ol>
      )}
      {items.length > FIRST ? (
        <button type="button" className="link-button show-all" aria-expanded={all} aria-controls={`${id}-list`} onClick={() => { setAll(!all); }}>
          {all ? 'Show the newest only' : `Show all ${String(items.length)}`}
        </button>
      ) : null}
    </section>
  );
}
