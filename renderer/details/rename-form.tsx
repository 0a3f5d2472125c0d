import { useId, useState, type SubmitEvent } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { nameProblem } from '../../electron/common/names';
import { useAction } from '../lib/use-action';
import { ErrorText } from '../shared/feedback';
import { SubformButtons } from './subform-buttons';

interface RenameFormProps {
  entry: EntrySummary;
  /** `formId`: what the Rename button controls. */
  formId: string;
  onRenamed: (said: string) => void;
  onClose: () => void;
}

/** The form the Rename button opens, below the row of actions. */
export function RenameForm({ entry, formId, onRenamed, onClose }: RenameFormProps) {
  const id = useId();
  const action = useAction();
  const [name, setName] = useState(entry.name);
  const problem = nameProblem(name);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== null) {
      action.fail(problem);
      return;
    }
    const outcome = await action.run(() => window.vault.vaultRename(entry.id, name));
    if (outcome.ok) onRenamed(`Renamed to ${outcome.value.name}.`);
  };

  return (
    <form id={formId} className="subform" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>New name</label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-problem`}
          onChange={(event) => { setName(event.target.value); }}
          onKeyDown={(event) => { if (event.key === 'Escape') onClose(); }}
        />
        <p id={`${id}-problem`} className="hint hint-problem" aria-live="polite">{problem}</p>
      </div>
      <ErrorText message={action.error} />
      <SubformButtons submit="Save name" busy={action.busy} onCancel={onClose} />
    </form>
  );
}
