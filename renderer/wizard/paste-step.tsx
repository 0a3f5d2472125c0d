import { useEffect, useRef, type SubmitEvent } from 'react';
import type { InspectSource, Inspection } from '../../electron/common/ipc-contract';
import type { TokenKind } from '../../electron/common/types';
import { displayInspection } from '../lib/display-entry';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';
import { TokenField, type TokenFieldHandle } from '../shared/token-field';
import { ViewHeading } from '../shared/view-heading';
import { CheckResult } from './check-result';
import { ClipboardOffer } from './clipboard-offer';
import { canSave } from './inspection';
import { StepNav } from './step-nav';
import { useClipboardPeek } from './use-clipboard-peek';

/**
 * What to do with an inspect's answer, given whether the paste step is still shown: true if it landed
 * (the latest inspect, wizard and step still there); otherwise its draft is let go unless the wizard holds it.
 */
export type InspectSettle = (answer: Inspection, stepShown: boolean) => boolean;

interface PasteStepProps {
  kind: TokenKind;
  inspection: Inspection | null;
  /** Called as an inspect starts; its answer goes to the returned settle. */
  onInspectStart: () => InspectSettle;
  /** The person typed or pasted into the field: the result shown is of the text before. */
  onEdit: () => void;
  onSwitchKind: (kind: TokenKind) => void;
  onBack: () => void;
  onNext: () => void;
  onCancel: () => void;
}

/** The token goes to main once (typed, pasted, or read from the clipboard by main) and is checked live. */
export function PasteStep({ kind, inspection, onInspectStart, onEdit, onSwitchKind, onBack, onNext, onCancel }: PasteStepProps) {
  const field = useRef<TokenFieldHandle>(null);
  const action = useAction();
  const { peek, dismiss } = useClipboardPeek();
  const shown = useRef(false);
  useEffect(() => {
    shown.current = true;
    return () => { shown.current = false; };
  }, []);

  const inspect = async (source: InspectSource): Promise<void> => {
    // The ticket is taken only once the inspect really starts (a click while busy starts nothing).
    const outcome = await action.run(async () => {
      const settle = onInspectStart();
      return { settle, answer: displayInspection(await window.vault.tokenInspect(source)) };
    });
    if (!outcome.ok) return;
    const { settle, answer } = outcome.value;
    if (settle(answer, shown.current)) dismiss();
  };
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (action.busy) return;
    const taken = field.current?.take();
    if (taken === undefined) return;
    if (taken.ok) void inspect({ text: taken.text });
    else action.fail(taken.message);
  };

  return (
    <div className="step-body">
      <ViewHeading level={3}>Step 3 of 4: Paste and check the token</ViewHeading>
      {peek ? <ClipboardOffer peek={peek} busy={action.busy} onUse={() => void inspect({ clipboard: true })} /> : null}
      <form className="paste-form" onSubmit={submit}>
        <TokenField label="Token" hint="Paste the token you copied from Notion. This window never shows it: the app checks it with Notion and keeps it in your system keychain." ref={field} onEdit={() => { action.clear(); onEdit(); }} />
        <div className="inline-actions">
          <button type="submit" className="button-primary" aria-disabled={action.busy}>Check</button>
          <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void inspect({ clipboard: true })}>Paste from clipboard</button>
        </div>
      </form>
      <StatusText message={action.busy ? 'Checking with Notion…' : null} />
      <ErrorText message={action.error} />
      <div aria-live="polite">
        {inspection ? (
          <CheckResult
            inspection={inspection}
            kind={kind}
            busy={action.busy}
            onCheckAgain={() => void inspect({ draftId: inspection.draftId })}
            onSwitchKind={onSwitchKind}
          />
        ) : null}
      </div>
      <StepNav onBack={onBack} onCancel={onCancel}>
        <button type="button" className="button-primary" disabled={!canSave(inspection)} onClick={onNext}>Next</button>
      </StepNav>
    </div>
  );
}
