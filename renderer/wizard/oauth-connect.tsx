import { useEffect, useId, useRef, useState } from 'react';
import type { StoredResult } from '../../electron/common/ipc-contract';
import { errorMessage } from '../lib/errors';
import { useIntegrations } from '../lib/use-integrations';
import { ErrorText, StatusText } from '../shared/feedback';
import type { ReconnectTarget } from './reconnect';

/** Main's refusal while another connect waits for the browser (electron/core/app/oauth-handlers.ts). */
const ALREADY_WAITING = /^A connect is already waiting\b/;

interface OAuthConnectProps {
  /** Connecting a connected entry again: its integration is chosen, and the panel says what to pick in Notion. */
  reconnect: ReconnectTarget | null;
  onConnected: (stored: StoredResult) => void;
  /** Go to where public integrations are registered. */
  onRegister: () => void;
}

/**
 * "Connect with OAuth": main opens Notion's authorization page in the browser and waits for the
 * redirect; the window only says it is waiting, and can cancel. No token ever comes here.
 */
export function OAuthConnect({ reconnect, onConnected, onRegister }: OAuthConnectProps) {
  const id = useId();
  const { integrations, error: loadError } = useIntegrations();
  const [chosen, setChosen] = useState<string | null>(reconnect?.integrationId ?? null);
  const [waiting, setWaiting] = useState(false);
  /** Main is still waiting for a connect this panel did not start (one from before a reload or a closed wizard). */
  const [elsewhere, setElsewhere] = useState(false);
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
    setElsewhere(false);
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
        const message = errorMessage(caught);
        setError(message);
        // Main refuses a second connect while one waits; one this panel did not start outlived its
        // window (a reload, a closed wizard) and would block every connect until its 5-minute timeout.
        setElsewhere(ALREADY_WAITING.test(message));
      }
    }
  };
  const cancel = (): void => {
    if (pending.current) {
      cancelled.current = attempt.current;
      window.vault.oauthCancel().catch((caught: unknown) => { setError(errorMessage(caught)); });
      return;
    }
    // The connect waiting in main is not this panel's: nobody here awaits its end, so say it now.
    window.vault.oauthCancel().then(
      () => {
        setElsewhere(false);
        setError(null);
        setNotice('Stopped the connect that was waiting: nothing more is stored from it. Choose Connect to start again.');
        connectButton.current?.focus(); // the Cancel button that had the focus is gone
      },
      (caught: unknown) => { setError(errorMessage(caught)); },
    );
  };
  const target = reconnect === null ? undefined : integrations?.find((i) => i.id === reconnect.integrationId);

  return (
    <section className="panel oauth-connect" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Connect with OAuth</h4>
      <p>
        The vault opens Notion’s authorization page in your browser. You pick the workspace and pages there and allow access;
        the vault then stores the access and refresh token and refreshes them itself. It goes through your own public integration.
      </p>
      {reconnect === null ? null : (
        <p className="notice notice-info">
          To connect {reconnect.entryName} again, {target === undefined ? 'pick the integration it was connected through' : `keep “${target.name}” chosen`},
          choose Connect, and pick the same workspace{reconnect.workspaceName === null ? '' : ` (${reconnect.workspaceName})`} in Notion:
          connecting the same workspace through the same integration gives {reconnect.entryName} the new tokens in place.
        </p>
      )}
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
            {waiting || elsewhere ? <button type="button" className="button-secondary" onClick={cancel}>Cancel connecting</button> : null}
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
