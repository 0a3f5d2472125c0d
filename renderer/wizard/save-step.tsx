import { useId, useState, type SubmitEvent } from 'react';
import type { AddRequest, Inspection, StoredResult } from '../../electron/common/ipc-contract';
import { nameProblem } from '../../electron/common/names';
import type { TokenKind } from '../../electron/common/types';
import { displayEntry, displayMessage } from '../lib/display-entry';
import { KIND_LONG } from '../lib/format';
import { resolvePatDates, type PatDates } from '../lib/pat-dates';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { PatDatesFields } from '../shared/pat-dates-fields';
import { ViewHeading } from '../shared/view-heading';
import { inspectedWorkspace, suggestedName } from './inspection';
import { StepNav } from './step-nav';

interface SaveStepProps {
  kind: TokenKind;
  inspection: Inspection;
  takenNames: readonly string[];
  dates: PatDates;
  onDates: (dates: PatDates) => void;
  now: number;
  onBack: () => void;
  onCancel: () => void;
  onSaved: (stored: StoredResult) => void;
}

export function SaveStep({ kind, inspection, takenNames, dates, onDates, now, onBack, onCancel, onSaved }: SaveStepProps) {
  const id = useId();
  const action = useAction();
  const [name, setName] = useState(() => suggestedName(inspection, kind, takenNames));
  const [workspace, setWorkspace] = useState('');
  const knownWorkspace = inspectedWorkspace(inspection);
  const problem = nameProblem(name) ?? (takenNames.includes(name) ? `There is already a token named ${name}: pick another name.` : null);

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== null) {
      action.fail(problem);
      return;
    }
    const request: AddRequest = { draftId: inspection.draftId, name, kind };
    if (knownWorkspace === null && workspace.trim() !== '') request.workspace = workspace.trim();
    if (kind === 'pat') {
      const resolved = resolvePatDates(dates, new Date(now));
      if (!resolved.ok) {
        action.fail(resolved.problem);
        return;
      }
      request.createdAt = resolved.createdAt;
      request.expiresAt = resolved.expiresAt;
    }
    const outcome = await action.run(() => window.vault.vaultAdd(request));
    if (outcome.ok) onSaved({ ...outcome.value, entry: displayEntry(outcome.value.entry), warnings: outcome.value.warnings.map(displayMessage) });
  };

  return (
    <form className="step-body" onSubmit={(event) => void save(event)} noValidate>
      <ViewHeading level={3}>Step 4 of 4: Name and save the {KIND_LONG[kind]}</ViewHeading>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <p id={`${id}-name-hint`} className="hint">Scripts use it: <code>notion-vault run {name === '' ? 'NAME' : name} -- …</code></p>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-name-hint ${id}-name-problem`}
          onChange={(event) => { setName(event.target.value); }}
        />
        <p id={`${id}-name-problem`} className="hint hint-problem" aria-live="polite">{problem}</p>
      </div>
      {knownWorkspace === null ? (
        <div className="field">
          <label htmlFor={`${id}-workspace`}>Workspace (optional)</label>
          <p id={`${id}-workspace-hint`} className="hint">Notion did not name the workspace of this token: name it to group it in the list.</p>
          <input id={`${id}-workspace`} type="text" value={workspace} aria-describedby={`${id}-workspace-hint`} onChange={(event) => { setWorkspace(event.target.value); }} />
        </div>
      ) : <p>Workspace: {knownWorkspace}</p>}
      {kind === 'pat' ? <PatDatesFields value={dates} onChange={onDates} now={now} /> : null}
      <StatusText message={action.busy ? 'Saving…' : null} />
      <ErrorText message={action.error} />
      <StepNav onBack={onBack} onCancel={onCancel}>
        <button type="submit" className="button-primary" aria-disabled={action.busy}>Save</button>
      </StepNav>
    </form>
  );
}
