import type { ReactNode } from 'react';

interface StepNavProps {
  onBack?: () => void;
  onCancel: () => void;
  /** The forward action (Next, Save), if this step has one. */
  children?: ReactNode;
}

export function StepNav({ onBack, onCancel, children }: StepNavProps) {
  return (
    <div className="step-nav">
      {onBack ? <button type="button" className="button-secondary" onClick={onBack}>Back</button> : null}
      {children}
      <button type="button" className="button-quiet" onClick={onCancel}>Cancel</button>
    </div>
  );
}
