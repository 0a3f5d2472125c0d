export const STEP_TITLES = ['Choose the kind', 'Create it in Notion', 'Paste and check', 'Name and save'] as const;

/** Where the person is in the wizard: a numbered list with the current step marked. */
export function StepIndicator({ current }: { current: number }) {
  return (
    <ol className="steps" aria-label="Steps">
      {STEP_TITLES.map((title, index) => {
        const step = index + 1;
        const state = step === current ? 'current' : step < current ? 'done' : 'todo';
        return (
          <li key={title} className={`step step-${state}`} aria-current={step === current ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">{step}</span>
            <span className="step-title">
              {title}
              {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
