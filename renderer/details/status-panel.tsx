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
}

/** The entry's status, what to do about it, and a live check. */
export function StatusPanel({ entry, now, onChanged }: StatusPanelProps) {
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
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>Status</h3>
      <p className="status-line">
        <StatusBadge status={entry.shownStatus} />
        <span>{daysLeftText(entry.daysLeft)}</span>
        <span>{checkedText(entry.lastCheckedAt, now)}</span>
      </p>
      <p>{statusAdvice(entry)}</p>
      {entry.unusedDays !== null ? <p className="row-warning">Nothing has used this token for {plural(entry.unusedDays, 'day')}: if nothing needs it, revoke it in Notion and Remove it here (least privilege).</p> : null}
      {entry.pagesShared === false ? <PagesSharedFix kind={entry.kind} busy={action.busy} onCheckAgain={() => void check()} /> : null}
      <div className="inline-actions">
        <button type="button" className="button-primary" aria-disabled={action.busy} onClick={() => void check()}>Check now</button>
      </div>
      <StatusText message={action.busy ? 'Checking with Notion…' : done} />
      <ErrorText message={action.error} />
    </section>
  );
}
