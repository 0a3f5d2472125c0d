import { ViewHeading } from '../shared/view-heading';

/** The entry shown was removed meanwhile (from the tray, the CLI, another window). */
export function EntryGone({ onBack }: { onBack: () => void }) {
  return (
    <section className="view" aria-labelledby="entry-gone-title">
      <ViewHeading id="entry-gone-title">Token not found</ViewHeading>
      <p role="alert" className="message message-error">This token is no longer in the vault: it was removed elsewhere. Pick another one from the list.</p>
      <button type="button" className="button-secondary" onClick={onBack}>Back to the list</button>
    </section>
  );
}
