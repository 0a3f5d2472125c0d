import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { EntrySummary, RotateRequest } from '../../electron/common/ipc-contract';
import { displayMessage } from '../lib/display-entry';
import { KIND_NOUN } from '../lib/format';
import { defaultPatDates, resolvePatDates, type PatDates } from '../lib/pat-dates';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { PatDatesFields } from '../shared/pat-dates-fields';
import { TokenField, type TokenFieldHandle } from '../shared/token-field';

/** Replace the secret with a new one of the same workspace; main drops the old one only once the new one is stored and read back. */
export function RotateForm({ entry, now, onChanged }: { entry: EntrySummary; now: number; onChanged: () => void }) {
  const id = useId();
  const action = useAction();
  const field = useRef<TokenFieldHandle>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [dates, setDates] = useState<PatDates>(() => defaultPatDates(new Date(now)));
  const [done, setDone] = useState<readonly string[]>([]);

  const close = (): void => {
    setOpen(false);
    action.clear();
    toggle.current?.focus();
  };
  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (action.busy) return;
    const resolved = entry.kind === 'pat' ? resolvePatDates(dates, new Date(now)) : null;
    if (resolved?.ok === false) {
      action.fail(resolved.problem);
      return;
    }
    const taken = field.current?.take();
    if (taken === undefined) return;
    if (!taken.ok) {
      action.fail(taken.message);
      return;
    }
    const request: RotateRequest = resolved === null ? { text: taken.text } : { text: taken.text, createdAt: resolved.createdAt, expiresAt: resolved.expiresAt };
    const outcome = await action.run(() => window.vault.vaultRotate(entry.id, request));
    if (!outcome.ok) return;
    setDone(['Rotated: the new token is stored and the old one is gone from the keychain.', ...outcome.value.warnings.map(displayMessage)]);
    close();
    onChanged();
  };

  return (
    <div className="manage-item">
      <button
        ref={toggle}
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => { if (open) close(); else { setDone([]); setOpen(true); } }}
      >
        Rotate
      </button>
      {open ? (
        <form id={`${id}-form`} className="subform" onSubmit={(event) => void submit(event)} noValidate>
          <p>
            Create a new {KIND_NOUN[entry.kind]} in Notion for the same workspace{entry.workspaceName === null ? '' : ` (${entry.workspaceName})`}, then paste it here.
            {entry.kind === 'pat' ? ' Notion has no “regenerate” for personal access tokens: revoke the old one there once this one is in.' : ''}
          </p>
          <TokenField label="Replacement token" hint="It replaces the stored token once Notion accepts it. This window never shows it." ref={field} />
          {entry.kind === 'pat' ? <PatDatesFields value={dates} onChange={setDates} now={now} /> : null}
          <StatusText message={action.busy ? 'Checking the new token with Notion…' : null} />
          <ErrorText message={action.error} />
          <div className="inline-actions">
            <button type="submit" className="button-primary" aria-disabled={action.busy}>Replace token</button>
            <button type="button" className="button-quiet" onClick={close}>Cancel</button>
          </div>
        </form>
      ) : null}
      <div role="status" className="message message-status">
        {done.length === 0 ? null : <ul className="plain">{done.map((line) => <li key={line}>{line}</li>)}</ul>}
      </div>
    </div>
  );
}
