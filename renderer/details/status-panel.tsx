import { useId, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { plural } from '../../electron/common/status';
import { checkedText, daysLeftText, STATUS_TEXT } from '../lib/format';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { PagesSharedFix } from '../shared/pages-shared-fix';
import { StatusBadge } from '../shared/status-badge';
import { statusAdvice } from './status-advice';

interface StatusPanelProps {
  entry: EntrySummary;
  now: number;
  onChanged: () => void;
  /** Open the rotate form; null where the entry cannot be rotated (a connection is connected again instead). */
  onRotate: (() => void) | null;
}

/** Statuses whose fix is a new token: Rotate is offered right beside the advice that says so. */
const ROTATE_ADVISED = new Set(['expiring', 'expired', 'invalid']);

/** The entry's status, what to do about it, and a live check. */
export function StatusPanel({ entry, now, onChanged, onRotate }: StatusPanelProps) {
  const id = useId();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const check = async (): Promise<void> => {
    setDone(null);
    const outcome = await action.run(() => window.vault.vaultCheck([entry.id]));
    if (!outcome.ok) return;
    const [after] = outcome.value;
    setDone(after ? `Checked: ${STATUS_TEXT[after.shownStatus].toLowerCase()}.` : 'Checked.');
    onChanged();
  };
  const rotate = onRotate !== null && ROTATE_ADVISED.has(entry.shownStatus) ? onRotate : null;
  return (
    <section className="panel status-panel" aria-labelledby={id}>
      <h3 id={id}>Status</h3>
      <div className="status-line">
        <StatusBadge status={entry.shownStatus} />
        <span>{daysLeftText(entry.daysLeft)}</span>
        <span>{checkedText(entry.lastCheckedAt, now)}</span>
        <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void check()}>Check now</button>
      </div>
      <div className="advice">
        <p>{statusAdvice(entry)}</p>
        {rotate === null ? null : <button type="button" className="button-primary" onClick={rotate}>Rotate now</button>}
      </div>
      {entry.unusedDays !== null ? <p className="row-warning">Nothing has used this token for {plural(entry.unusedDays, 'day')}: if nothing needs it, revoke it in Notion and Remove it here (least privilege).</p> : null}
      {entry.pagesShared === false ? <PagesSharedFix kind={entry.kind} /> : null}
      <StatusText message={action.busy ? 'Checking with Notion…' : done} />
      <ErrorText message={action.error} />
    </section>
  );
}
