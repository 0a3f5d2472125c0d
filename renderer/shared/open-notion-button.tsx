import { useAction } from '../lib/use-action';
import { ErrorText } from './feedback';

/** Opens a Notion page in the browser; main allows https Notion URLs only. */
export function OpenNotionButton({ url, label }: { url: string; label: string }) {
  const action = useAction();
  return (
    <span className="open-notion">
      <button type="button" className="button-secondary" onClick={() => void action.run(() => window.vault.appOpenExternal(url))}>
        {label}
        <span className="visually-hidden"> (opens in your browser)</span>
        <span aria-hidden="true"> ↗</span>
      </button>
      <ErrorText message={action.error} />
    </span>
  );
}
