import { useState } from 'react';
import type { StoredResult } from '../../electron/common/ipc-contract';
import { TOKEN_KINDS, type TokenKind } from '../../electron/common/types';
import { ErrorText } from '../shared/feedback';
import { ViewHeading } from '../shared/view-heading';
import { KindOption } from './kind-option';
import { OAuthConnect } from './oauth-connect';
import type { ReconnectTarget } from './reconnect';
import { StepNav } from './step-nav';

interface KindStepProps {
  kind: TokenKind | null;
  /** Connecting a connected entry again: its integration is chosen in the OAuth panel. */
  reconnect: ReconnectTarget | null;
  onChoose: (kind: TokenKind) => void;
  onNext: () => void;
  onCancel: () => void;
  /** OAuth: connected through a public integration, skipping the paste steps. */
  onConnected: (stored: StoredResult) => void;
  onRegisterIntegration: () => void;
}

export function KindStep({ kind, reconnect, onChoose, onNext, onCancel, onConnected, onRegisterIntegration }: KindStepProps) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="step-body">
      <ViewHeading level={3}>Step 1 of 4: Choose the kind of token</ViewHeading>
      <fieldset className="kinds">
        <legend>Which kind of token?</legend>
        {TOKEN_KINDS.map((k) => (
          <KindOption key={k} kind={k} checked={kind === k} onChoose={(chosen) => { setProblem(null); onChoose(chosen); }} />
        ))}
      </fieldset>
      {kind === 'oauth' ? <OAuthConnect reconnect={reconnect} onConnected={onConnected} onRegister={onRegisterIntegration} /> : null}
      <ErrorText message={problem} />
      <StepNav onCancel={onCancel}>
        <button type="button" className="button-primary" onClick={() => { if (kind === null) setProblem('Choose a kind of token first.'); else onNext(); }}>Next</button>
      </StepNav>
    </div>
  );
}
