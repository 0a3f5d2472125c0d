import type { TokenKind } from '../../electron/common/types';
import { KIND_NOUN } from '../lib/format';
import type { PatDates } from '../lib/pat-dates';
import { OpenNotionButton } from '../shared/open-notion-button';
import { PatDatesFields } from '../shared/pat-dates-fields';
import { ViewHeading } from '../shared/view-heading';
import { CapabilityChecklist } from './capability-checklist';
import { INSTRUCTIONS } from './instructions';
import { StepNav } from './step-nav';

interface CreateStepProps {
  kind: TokenKind;
  dates: PatDates;
  onDates: (dates: PatDates) => void;
  now: number;
  onBack: () => void;
  onNext: () => void;
  onCancel: () => void;
}

export function CreateStep({ kind, dates, onDates, now, onBack, onNext, onCancel }: CreateStepProps) {
  return (
    <div className="step-body">
      <ViewHeading level={3}>Step 2 of 4: Create the {KIND_NOUN[kind]} in Notion</ViewHeading>
      <ol className="instructions">
        {INSTRUCTIONS[kind].map((instruction) => (
          <li key={instruction.text}>
            <p>{instruction.text}</p>
            {instruction.open ? <OpenNotionButton url={instruction.open.url} label={instruction.open.label} /> : null}
          </li>
        ))}
      </ol>
      <CapabilityChecklist kind={kind} />
      {kind === 'pat' ? <PatDatesFields value={dates} onChange={onDates} now={now} /> : null}
      <StepNav onBack={onBack} onCancel={onCancel}>
        <button type="button" className="button-primary" onClick={onNext}>Next</button>
      </StepNav>
    </div>
  );
}
