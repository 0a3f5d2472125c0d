import { useEffect, useId, useRef, useState } from 'react';
import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { useAction } from '../lib/use-action';
import { useIntegrations } from '../lib/use-integrations';
import { ErrorText, StatusText } from '../shared/feedback';
import { OpenNotionButton } from '../shared/open-notion-button';
import { NOTION_URLS } from '../wizard/notion-urls';
import { CopyRedirectUri } from './copy-redirect-uri';
import { IntegrationForm } from './integration-form';

/** Settings → the public integrations OAuth connects through: the list, and the form to register one. */
export function IntegrationsSection({ focus }: { focus: boolean }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { integrations, error, reload } = useIntegrations();
  const [registered, setRegistered] = useState<IntegrationSummary | null>(null);
  /** What the last registration or removal did (announced: the status region is always in the page). */
  const [said, setSaid] = useState<string | null>(null);

  // Sent here from the wizard ("Register a public integration"): land on this section.
  useEffect(() => {
    if (!focus) return;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [focus]);

  const onRemoved = (name: string): void => {
    setSaid(`Removed ${name}: its client secret is gone from your keychain. (The integration itself still exists in Notion.)`);
    if (registered?.name === name) setRegistered(null);
    heading.current?.focus(); // the Remove button that had the focus is gone
    reload();
  };

  return (
    <section className="panel integrations" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>Public integrations for OAuth</h3>
      <p>
        Notion’s OAuth needs a client secret, so the vault ships none: you bring your own integration. Create one under
        Connections in Notion’s developer portal: an “OAuth integration” limited to the workspaces you select fits best (no public
        listing needed), and a public integration works too. Register its client ID and client secret here (the secret goes into your keychain), and add
        the redirect URI shown to the integration’s OAuth settings in Notion. Then connect a workspace: Add token → OAuth token → Connect.
      </p>
      <OpenNotionButton url={NOTION_URLS.connections} label="Open Connections" />
      <ErrorText message={error} />
      {integrations === null || integrations.length === 0 ? (
        <p>{integrations === null ? 'Loading…' : 'No public integration is registered yet.'}</p>
      ) : (
        <ul className="integrations-list">
          {integrations.map((integration) => <IntegrationItem key={integration.id} integration={integration} onRemoved={onRemoved} />)}
        </ul>
      )}
      <IntegrationForm
        onRegistered={(added) => {
          setSaid(`Registered ${added.name}. In Notion, add its redirect URI to the integration’s OAuth settings: ${added.redirectUri}`);
          setRegistered(added);
          reload();
        }}
      />
      <StatusText message={said} />
      {registered === null ? null : (
        <div className="notice notice-info">
          <div className="field">
            <label htmlFor={`${id}-uri`}>Redirect URI</label>
            <input id={`${id}-uri`} type="text" readOnly value={registered.redirectUri} onFocus={(event) => { event.currentTarget.select(); }} />
          </div>
          <CopyRedirectUri integration={registered} />
        </div>
      )}
    </section>
  );
}

function IntegrationItem({ integration, onRemoved }: { integration: IntegrationSummary; onRemoved: (name: string) => void }) {
  const action = useAction();
  const { name, clientId, redirectUri, connections } = integration;
  const remove = async (): Promise<void> => {
    const outcome = await action.run(() => window.vault.integrationsRemove(integration.id));
    if (outcome.ok) onRemoved(name);
  };
  return (
    <li>
      <p><strong>{name}</strong> · client ID <code>{clientId}</code> · {connections === 1 ? '1 connection' : `${String(connections)} connections`}</p>
      <p>Redirect URI: <code>{redirectUri}</code></p>
      <div className="inline-actions">
        <CopyRedirectUri integration={integration} named />
        <button type="button" className="button-secondary" aria-disabled={action.busy} onClick={() => void remove()}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
      <ErrorText message={action.error} />
    </li>
  );
}
