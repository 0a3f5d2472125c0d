import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { normalizeTokenText } from '../../electron/common/token-text';
import { pasteFeedback, type PasteFeedback } from '../lib/paste-feedback';

/** Hands the pasted text over once: a plausible token leaves the field (which is emptied at once); anything else stays, with why. */
export type Taken = { ok: true; text: string } | { ok: false; message: string };

export interface TokenFieldHandle {
  take: () => Taken;
  focus: () => void;
}

interface TokenFieldProps {
  label: string;
  hint: string;
  ref: Ref<TokenFieldHandle>;
  /** The person typed or pasted: whatever was said about the text handed over before no longer applies. */
  onEdit?: () => void;
}

/**
 * The masked paste field with its live hint. Uncontrolled: the secret lives only in the input's
 * value (never in React state, never in a value attribute) until `take` hands it to one `window.vault` call.
 */
export function TokenField({ label, hint, ref, onEdit }: TokenFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState<PasteFeedback | null>(null);
  /** The text was handed over: the field is empty, and the feedback says what was sent. */
  const [sent, setSent] = useState(false);
  useImperativeHandle(ref, () => ({
    take: (): Taken => {
      const field = input.current;
      const text = field?.value ?? '';
      const local = normalizeTokenText(text);
      if (!local.ok) {
        field?.focus();
        return { ok: false, message: local.message };
      }
      if (field) field.value = '';
      // The feedback stays: what was removed around the token is still true of what is checked.
      setSent(true);
      return { ok: true, text };
    },
    focus: () => { input.current?.focus(); },
  }), []);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">{hint}</p>
      <input
        id={id}
        ref={input}
        type="password"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-describedby={`${id}-hint ${id}-feedback`}
        aria-invalid={feedback?.ok === false ? true : undefined}
        onInput={(event) => {
          setFeedback(pasteFeedback(event.currentTarget.value));
          setSent(false);
          onEdit?.();
        }}
      />
      <p id={`${id}-feedback`} className={feedback?.ok === false ? 'hint hint-problem' : 'hint'} aria-live="polite">
        {feedback === null ? null : feedback.ok ? (
          <>
            {sent ? 'Sent ' : 'Looks like a token: '}<code>{feedback.redacted}</code>{sent ? ' to check.' : '.'}
            {feedback.removed === null ? null : ` Removed ${feedback.removed} around it.`}
          </>
        ) : feedback.message}
      </p>
    </div>
  );
}
