/** A details form's submit and Cancel (the submit stays focusable while busy). */
export function SubformButtons({ submit, busy, onCancel }: { submit: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="inline-actions">
      <button type="submit" className="button-primary" aria-disabled={busy}>{submit}</button>
      <button type="button" className="button-quiet" onClick={onCancel}>Cancel</button>
    </div>
  );
}
