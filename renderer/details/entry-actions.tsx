import { useId, useRef, useState } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { ErrorText } from '../shared/feedback';
import type { ReconnectTarget } from '../wizard/reconnect';
import { ReconnectButton, ReconnectHint } from './reconnect-button';
import { RemoveButton } from './remove-button';
import { RenameForm } from './rename-form';
import { RevealedToken, useReveal } from './reveal-token';
import { RotateForm } from './rotate-form';
import { useCopy } from './use-copy';

interface EntryActionsProps {
  entry: EntrySummary;
  now: number;
  /** Which form is open below the row: lifted, so the status panel's Rotate now opens the same form. */
  open: OpenForm;
  onOpen: (form: OpenForm) => void;
  /** Bumped by every Rotate: the form's paste field takes the focus. */
  rotateRequest: number;
  onChanged: () => void;
  onRemoved: (name: string) => void;
  onReconnect: (target: ReconnectTarget) => void;
}

export type OpenForm = 'rename' | 'rotate' | null;

/**
 * Every action on one row (use the token: Copy, Copy as env, Reveal; manage it: Rename, Rotate or
 * Connect again, Remove), and below it what they open or say.
 */
export function EntryActions({ entry, now, open, onOpen, rotateRequest, onChanged, onRemoved, onReconnect }: EntryActionsProps) {
  const id = useId();
  const copy = useCopy(entry.id);
  const reveal = useReveal(entry.id);
  const renameToggle = useRef<HTMLButtonElement>(null);
  const rotateToggle = useRef<HTMLButtonElement>(null);
  const [done, setDone] = useState<readonly string[]>([]);
  const integrationId = entry.integrationId ?? null;

  const toggle = (form: 'rename' | 'rotate'): void => {
    setDone([]);
    onOpen(open === form ? null : form);
  };
  const close = (): void => {
    const toggleOf = open === 'rename' ? renameToggle : rotateToggle;
    onOpen(null);
    toggleOf.current?.focus();
  };
  const finish = (said: readonly string[]): void => {
    setDone(said);
    close();
    onChanged();
  };
  const said = [copy.done, ...done].filter((line) => line !== null);
  return (
    <section className="panel actions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">Actions</h3>
      <div className="action-row">
        <div role="group" aria-label="Use the token" className="action-group">
          <button type="button" className="button-secondary" aria-disabled={copy.action.busy} onClick={() => { setDone([]); void copy.copy('token'); }}>Copy token</button>
          <button type="button" className="button-secondary" aria-disabled={copy.action.busy} onClick={() => { setDone([]); void copy.copy('env'); }}>Copy as NOTION_TOKEN=…</button>
          {/* One button whose label flips, so the focus stays on it when the token is shown or hidden. */}
          <button type="button" className="button-secondary" aria-disabled={reveal.action.busy} onClick={() => void reveal.toggle()}>{reveal.secret === null ? 'Reveal' : 'Hide'}</button>
        </div>
        <div role="group" aria-label="Manage" className="action-group">
          <button ref={renameToggle} type="button" className="button-secondary" aria-expanded={open === 'rename'} aria-controls={`${id}-rename`} onClick={() => { toggle('rename'); }}>Rename</button>
          {integrationId === null
            ? <button ref={rotateToggle} type="button" className="button-secondary" aria-expanded={open === 'rotate'} aria-controls={`${id}-rotate`} onClick={() => { toggle('rotate'); }}>Rotate</button>
            : <ReconnectButton entry={entry} integrationId={integrationId} hintId={`${id}-reconnect`} onReconnect={onReconnect} />}
          <RemoveButton entry={entry} onRemoved={onRemoved} />
        </div>
      </div>
      {integrationId === null ? null : <ReconnectHint entry={entry} id={`${id}-reconnect`} />}
      {reveal.secret === null ? null : <RevealedToken secret={reveal.secret} left={reveal.left} />}
      <ErrorText message={copy.action.error ?? reveal.action.error} />
      {open === 'rename' ? <RenameForm entry={entry} formId={`${id}-rename`} onRenamed={(line) => { finish([line]); }} onClose={close} /> : null}
      {open === 'rotate' && integrationId === null
        ? <RotateForm entry={entry} now={now} formId={`${id}-rotate`} focusRequest={rotateRequest} onRotated={finish} onClose={close} />
        : null}
      <div role="status" className="message message-status">
        {said.length === 0 ? null : <ul className="plain">{said.map((line) => <li key={line}>{line}</li>)}</ul>}
      </div>
    </section>
  );
}
