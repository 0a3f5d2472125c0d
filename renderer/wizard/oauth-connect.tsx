import { useEffect, useId, useRef, useState } from 'react';
import type { StoredResult } from '../../electron/common/ipc-contract';
import { errorMessage } from '../lib/errors';
import { useIntegrations } from '../lib/use-integrations';
import { ErrorText, StatusText } from '../shared/feedback';

interface OAuthConnectProps {
  onConnected: (stored: StoredResult) => void;
  /** Go to where public integrations are registered. */
  onRegister: () => void;
}

/**
 * "Connect with OAuth": main opens Notion's authorization page in the browser and waits for the
 * redirect; the window only says it is waiting, and can cancel. No token ever comes here.
 */
export function OAuthConnect({ onConnected, onRegister }: OAuthConnectProps) {
  const id = useId();
  const { integrations, error: loadError } = useIntegrations();
  const [chosen, setChosen] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pending = useRef(false);
  /** Which connect attempt the person cancelled: its failure is the expected "nothing was stored", not an error. */
  const attempt = useRef(0);
  const cancelled = useRef(-1);
  const connectButton = useRef<HTMLButtonElement>(null);

  // Leaving the wizard while main waits for the browser: stop waiting, so nothing lands later and the port is free.
  useEffect(() => () => { if (pending.current) void window.vault.oauthCancel().catch(() => undefined); }, []);

  const selected = integrations?.find((i) => i.id === chosen) ?? integrations?.[0] ?? null;

  const connect = async (): Promise<void> => {
    if (pending.current || selected === null) return;
    pending.current = true;
    const mine = ++attempt.current;
    setWaiting(true);
    setError(null);
    setNotice(null);
    try {
      const stored = await window.vault.oauthConnect({ integrationId: selected.id });
      pending.current = false;
      onConnected(stored);
    } catch (caught) {
      pending.current = false;
      setWaiting(false);
      if (cancelled.current === mine) {
        setNotice(errorMessage(caught));
        connectButton.current?.focus(); // the Cancel button that had the focus is gone
      } else {
        setError(errorMessage(caught));
      }
    }
  };
  const cancel = (): void => {
    cancelled.current = attempt.current;
    window.vault.oauthCancel().catch((caught: unknown) => { setError(errorMessage(caught)); });
  };

  return (
    <section className="panel oauth-connect" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Connect with OAuth</h4>
      <p>
        The vault opens Notion’s authorization page in your browser. You pick the workspace and pages there and allow access;
        the vault then stores the access and refresh token and refreshes them itself. It goes through your own public integration.
      </p>
      {integrations === null ? (
        <>
          <StatusText message={loadError === null ? 'Loading your integrations…' : null} />
          <ErrorText message={loadError} />
        </>
      ) : selected === null ? (
        <>
          <p>No public integration is registered in the vault yet: register yours first (its client ID and client secret from Notion).</p>
          <button type="button" className="button-secondary" onClick={onRegister}>Register a public integration</button>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-integration`}>Public integration</label>
            <select id={`${id}-integration`} value={selected.id} disabled={waiting} aria-describedby={`${id}-redirect`} onChange={(event) => { setChosen(event.target.value); }}>
              {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
            <p id={`${id}-redirect`} className="hint">Its redirect URI in Notion must be {selected.redirectUri}</p>
          </div>
          <div className="inline-actions">
            <button ref={connectButton} type="button" className="button-primary" aria-disabled={waiting} onClick={() => void connect()}>Connect</button>
            {waiting ? <button type="button" className="button-secondary" onClick={cancel}>Cancel connecting</button> : null}
            <button type="button" className="button-quiet" onClick={onRegister}>Register another integration</button>
          </div>
          <StatusText message={waiting ? 'Waiting for you to approve in the browser…' : notice} />
          <ErrorText message={error} />
        </>
      )}
      <p className="hint">Or paste an access token you already have: choose Next.</p>
    </section>
  );
}
