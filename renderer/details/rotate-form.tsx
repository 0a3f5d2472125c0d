import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { EntrySummary, RotateRequest } from '../../electron/common/ipc-contract';
import { displayMessage } from '../lib/display-entry';
import { KIND_NOUN } from '../lib/format';
import { defaultPatDates, resolvePatDates, type PatDates } from '../lib/pat-dates';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { PatDatesFields } from '../shared/pat-dates-fields';
import { TokenField, type TokenFieldHandle } from '../shared/token-field';
import { SubformButtons } from './subform-buttons';

interface RotateFormProps {
  entry: EntrySummary;
  now: number;
  /** What the Rotate buttons control. */
  formId: string;
  /** Changes each time a Rotate button asks for the form: the paste field takes the focus. */
  focusRequest: number;
  onRotated: (said: readonly string[]) => void;
  onClose: () => void;
}

/** Replace the secret with a new one of the same workspace; main drops the old one only once the new one is stored and read back. */
export function RotateForm({ entry, now, formId, focusRequest, onRotated, onClose }: RotateFormProps) {
  const action = useAction();
  const field = useRef<TokenFieldHandle>(null);
  const [dates, setDates] = useState<PatDates>(() => defaultPatDates(new Date(now)));
  useEffect(() => { field.current?.focus(); }, [focusRequest]);

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
    if (outcome.ok) onRotated(['Rotated: the new token is stored and the old one is gone from the keychain.', ...outcome.value.warnings.map(displayMessage)]);
  };

  return (
    <form id={formId} className="subform" onSubmit={(event) => void submit(event)} noValidate>
      <p>
        Create a new {KIND_NOUN[entry.kind]} in Notion for the same workspace{entry.workspaceName === null ? '' : ` (${entry.workspaceName})`}, then paste it here.
        {entry.kind === 'pat' ? ' Notion has no “regenerate” for personal access tokens: revoke the old one there once this one is in.' : ''}
      </p>
      <TokenField label="Replacement token" hint="It replaces the stored token once Notion accepts it. This window never shows it." ref={field} />
      {entry.kind === 'pat' ? <PatDatesFields value={dates} onChange={setDates} now={now} /> : null}
      <StatusText message={action.busy ? 'Checking the new token with Notion…' : null} />
      <ErrorText message={action.error} />
      <SubformButtons submit="Replace token" busy={action.busy} onCancel={onClose} />
    </form>
  );
}
