import { useId } from 'react';
import { formatDay } from '../lib/format';
import { EXPIRY_OPTIONS, isExpiryChoice, localDay, resolvePatDates, type PatDates } from '../lib/pat-dates';

interface PatDatesFieldsProps {
  value: PatDates;
  onChange: (dates: PatDates) => void;
  now: number;
}

/** A PAT's lifetime as chosen in Notion, which no API tells: the vault records it to warn before expiry. */
export function PatDatesFields({ value, onChange, now }: PatDatesFieldsProps) {
  const id = useId();
  const today = localDay(new Date(now));
  const resolved = resolvePatDates(value, new Date(now));
  return (
    <fieldset className="pat-dates">
      <legend>When it expires</legend>
      <div className="field">
        <label htmlFor={`${id}-expiry`}>Expiry chosen in Notion</label>
        <select
          id={`${id}-expiry`}
          value={value.expiry}
          onChange={(event) => { if (isExpiryChoice(event.target.value)) onChange({ ...value, expiry: event.target.value }); }}
        >
          {EXPIRY_OPTIONS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      </div>
      {value.expiry === 'date' ? (
        <div className="field">
          <label htmlFor={`${id}-expires`}>Expiry date</label>
          <input id={`${id}-expires`} type="date" min={value.createdOn} value={value.expiresOn} onChange={(event) => { onChange({ ...value, expiresOn: event.target.value }); }} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-created`}>Created on</label>
        <input id={`${id}-created`} type="date" max={today} value={value.createdOn} onChange={(event) => { onChange({ ...value, createdOn: event.target.value }); }} />
      </div>
      <p className={resolved.ok ? 'hint' : 'hint hint-problem'} aria-live="polite">
        {resolved.ok ? `Expires on ${formatDay(resolved.expiresAt)}.` : resolved.problem}
      </p>
    </fieldset>
  );
}
