import { useCallback, useEffect, useRef, useState } from 'react';
import type { Inspection, StoredResult } from '../../electron/common/ipc-contract';
import type { TokenKind } from '../../electron/common/types';
import { defaultPatDates, type PatDates } from '../lib/pat-dates';
import { useNow } from '../lib/use-now';
import { ViewHeading } from '../shared/view-heading';
import { CreateStep } from './create-step';
import { canSave } from './inspection';
import { KindStep } from './kind-step';
import { PasteStep, type InspectSettle } from './paste-step';
import type { ReconnectTarget } from './reconnect';
import { SaveStep } from './save-step';
import { StepIndicator } from './step-indicator';

interface AddWizardProps {
  /** Opened from a connected entry's "Connect again": the OAuth path, with its integration chosen. */
  reconnect: ReconnectTarget | null;
  takenNames: readonly string[];
  onSaved: (stored: StoredResult) => void;
  onCancel: () => void;
  /** Go to the settings' public integrations, to register one for OAuth. */
  onRegisterIntegration: () => void;
}

/** Add a token: choose the kind, create it in Notion, paste and check it, name and save it (or, for OAuth, connect). */
export function AddWizard({ reconnect, takenNames, onSaved, onCancel, onRegisterIntegration }: AddWizardProps) {
  const now = useNow();
  const [step, setStep] = useState(1);
  const [kind, setKind] = useState<TokenKind | null>(reconnect === null ? null : 'oauth');
  const [dates, setDates] = useState<PatDates>(() => defaultPatDates(new Date(now)));
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const draftId = inspection?.draftId ?? null;

  useEffect(() => {
    if (draftId === null) return;
    // Main holds the checked token in memory until it is saved; a replaced draft or a closed wizard lets it go.
    // (After a save main has dropped it already: discarding is then a no-op.)
    return () => { discard(draftId); };
  }, [draftId]);

  // An inspect's answer can come after the wizard closed, after its paste step was left, or after a
  // newer inspect: only the latest one, for a paste step still shown, lands. Any other answer's draft
  // is let go at once (main would hold the secret for 30 min), unless it is the very draft the wizard
  // holds (a "check again" keeps its id).
  const live = useRef(false);
  const held = useRef<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    live.current = true;
    return () => { live.current = false; };
  }, []);
  useEffect(() => { held.current = draftId; }, [draftId]);
  // New text in the paste field: what Notion said about the last token is no longer about what is
  // there. The result goes (its draft with it) and an answer still on its way will not land.
  const forgetInspection = useCallback(() => {
    latest.current++;
    setInspection(null);
  }, []);
  const beginInspect = useCallback((): InspectSettle => {
    const ticket = ++latest.current;
    return (answer, stepShown) => {
      if (live.current && stepShown && ticket === latest.current) {
        held.current = answer.draftId;
        setInspection(answer);
        return true;
      }
      if (!live.current || answer.draftId !== held.current) discard(answer.draftId);
      return false;
    };
  }, []);

  // The step shown: never one whose inputs are missing (no kind yet, or no token that can be saved).
  const shown = step === 1 || kind === null ? 1 : step === 4 && !canSave(inspection) ? 3 : step;
  const body = (() => {
    if (shown === 1 || kind === null) {
      return (
        <KindStep
          kind={kind}
          reconnect={reconnect}
          onChoose={setKind}
          onNext={() => { setStep(2); }}
          onCancel={onCancel}
          onConnected={onSaved}
          onRegisterIntegration={onRegisterIntegration}
        />
      );
    }
    if (shown === 2) {
      return <CreateStep kind={kind} dates={dates} onDates={setDates} now={now} onBack={() => { setStep(1); }} onNext={() => { setStep(3); }} onCancel={onCancel} />;
    }
    if (shown === 3 || !canSave(inspection)) {
      return (
        <PasteStep
          kind={kind}
          inspection={inspection}
          onInspectStart={beginInspect}
          onEdit={forgetInspection}
          onSwitchKind={setKind}
          onBack={() => { setStep(2); }}
          onNext={() => { setStep(4); }}
          onCancel={onCancel}
        />
      );
    }
    return (
      <SaveStep
        kind={kind}
        inspection={inspection}
        takenNames={takenNames}
        dates={dates}
        onDates={setDates}
        now={now}
        onBack={() => { setStep(3); }}
        onCancel={onCancel}
        onSaved={onSaved}
      />
    );
  })();

  return (
    <section className="view wizard" aria-labelledby="wizard-title">
      <ViewHeading id="wizard-title">Add a token</ViewHeading>
      <StepIndicator current={shown} />
      {body}
    </section>
  );
}

/** Main holds a checked token in memory until it is saved or let go; after a save, discarding is a no-op. */
function discard(draftId: string): void {
  void window.vault.tokenDiscard(draftId).catch(() => undefined);
}
