import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { nameProblem } from '../../electron/common/names';
import { DEFAULT_REDIRECT_PORT } from '../../electron/common/redirect-uri';
import { useAction } from '../lib/use-action';
import { ErrorText, StatusText } from '../shared/feedback';

/** What is wrong with the form before main is asked, or null. */
function formProblem(name: string, clientId: string, port: string, secret: string): string | null {
  const named = nameProblem(name);
  if (named !== null) return `Name: ${named}`;
  if (clientId === '') return 'Paste the OAuth client ID from the integration’s settings in Notion.';
  if (secret.trim() === '') return 'Paste the OAuth client secret from the integration’s settings in Notion.';
  const number = Number(port);
  if (!/^\d+$/.test(port) || number < 1024 || number > 65_535) return 'The redirect port is a number from 1024 to 65535.';
  return null;
}

/**
 * Register a public integration. The client secret field is uncontrolled: the secret lives only in
 * the input (never in React state or a value attribute), is emptied as it is sent, and crosses once.
 */
export function IntegrationForm({ onRegistered }: { onRegistered: (added: IntegrationSummary) => void }) {
  const id = useId();
  const action = useAction();
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState('');
  const [port, setPort] = useState(String(DEFAULT_REDIRECT_PORT));
  const secretField = useRef<HTMLInputElement>(null);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const field = secretField.current;
    const problem = formProblem(name.trim(), clientId.trim(), port.trim(), field?.value ?? '');
    if (problem !== null) {
      action.fail(problem);
      return;
    }
    const clientSecret = field?.value ?? '';
    if (field) field.value = '';
    const outcome = await action.run(() => window.vault.integrationsAdd({ name: name.trim(), clientId: clientId.trim(), clientSecret, redirectPort: Number(port.trim()) }));
    if (!outcome.ok) return;
    setName('');
    setClientId('');
    setPort(String(DEFAULT_REDIRECT_PORT));
    onRegistered(outcome.value);
  };

  return (
    <form className="subform" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h4 id={`${id}-title`}>Register a public integration</h4>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <p id={`${id}-name-hint`} className="hint">Your label for it, e.g. my-app.</p>
        <input id={`${id}-name`} type="text" autoComplete="off" spellCheck={false} value={name} aria-describedby={`${id}-name-hint`} onChange={(event) => { setName(event.target.value); }} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-client-id`}>Client ID</label>
        <p id={`${id}-client-id-hint`} className="hint">The OAuth client ID, on the integration’s settings page in Notion.</p>
        <input id={`${id}-client-id`} type="text" autoComplete="off" spellCheck={false} value={clientId} aria-describedby={`${id}-client-id-hint`} onChange={(event) => { setClientId(event.target.value); }} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-secret`}>Client secret</label>
        <p id={`${id}-secret-hint`} className="hint">The OAuth client secret, next to the client ID. It goes into your keychain and is not shown again.</p>
        <input id={`${id}-secret`} ref={secretField} type="password" autoComplete="off" autoCapitalize="off" spellCheck={false} aria-describedby={`${id}-secret-hint`} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-port`}>Redirect port</label>
        <p id={`${id}-port-hint`} className="hint">The port of the redirect URI http://localhost:PORT/callback. Keep {DEFAULT_REDIRECT_PORT} unless something else uses it.</p>
        <input id={`${id}-port`} type="number" min="1024" max="65535" step="1" inputMode="numeric" value={port} aria-describedby={`${id}-port-hint`} onChange={(event) => { setPort(event.target.value); }} />
      </div>
      <ErrorText message={action.error} />
      <StatusText message={action.busy ? 'Registering…' : null} />
      <div className="inline-actions">
        <button type="submit" className="button-primary" aria-disabled={action.busy}>Register integration</button>
      </div>
    </form>
  );
}
