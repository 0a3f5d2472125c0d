import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { nameProblem } from '../../electron/common/names';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';

export function RenameForm({ entry, onChanged }: { entry: EntrySummary; onChanged: () => void }) {
  const id = useId();
  const action = useAction();
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(entry.name);
  const [done, setDone] = useState<string | null>(null);
  const problem = nameProblem(name);

  const close = (): void => {
    setOpen(false);
    action.clear();
    toggle.current?.focus();
  };
  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== null) {
      action.fail(problem);
      return;
    }
    const outcome = await action.run(() => window.vault.vaultRename(entry.id, name));
    if (!outcome.ok) return;
    setDone(`Renamed to ${outcome.value.name}.`);
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
        onClick={() => { if (open) close(); else { setName(entry.name); setDone(null); setOpen(true); } }}
      >
        Rename
      </button>
      {open ? (
        <form id={`${id}-form`} className="subform" onSubmit={(event) => void submit(event)} noValidate>
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
              onKeyDown={(event) => { if (event.key === 'Escape') close(); }}
            />
            <p id={`${id}-problem`} className="hint hint-problem" aria-live="polite">{problem}</p>
          </div>
          <ErrorText message={action.error} />
          <div className="inline-actions">
            <button type="submit" className="button-primary" aria-disabled={action.busy}>Save name</button>
            <button type="button" className="button-quiet" onClick={close}>Cancel</button>
          </div>
        </form>
      ) : null}
      <StatusText message={done} />
    </div>
  );
}
