import type { EntrySummary, IntegrationSummary } from '../../common/ipc-contract';
import { redirectUri } from '../../common/redirect-uri';
import { normalizeTokenText } from '../../common/token-text';
import type { Entry, Integration } from '../../common/types';
import { usageError } from '../errors';
import { connectIntegration } from '../oauth/connect';
import { revokeAndRemove } from '../oauth/revoke';
import type { HandlerDeps, Handlers } from './vault-handlers';

/** How the window's "Connect with OAuth" reaches the person's browser and Notion. */
export interface OAuthFace {
  /**
   * Open Notion's authorization page in the person's browser. Only ever given the URL the core
   * built itself (connect.ts), never one from the renderer. The browser gets `privateUrl()`, a
   * page that forwards to `url`: a browser's command line is readable by every local user.
   */
  openAuthorize: (url: string, privateUrl: () => string) => Promise<void>;
  /** `NOTION_API_BASE_URL` or https://api.notion.com, as for the CLI. */
  baseUrl: string;
  /** How long a connect waits for the browser; 5 minutes by default, as the CLI. */
  timeoutMs?: number;
}

export type OAuthChannel =
  | 'integrations:list' | 'integrations:add' | 'integrations:remove' | 'integrations:copy-redirect-uri'
  | 'oauth:connect' | 'oauth:cancel' | 'vault:remove';

interface Helpers {
  /** An entry as the window shows it. */
  one: (id: string) => Promise<EntrySummary>;
  /** Runs a change, then tells the tray and the window. */
  after: <T>(work: Promise<T>) => Promise<T>;
}

const CONNECT_TIMEOUT_MS = 5 * 60_000;
const WITHOUT_REVOKE = 'without “Also revoke it in Notion”';
const SETTINGS_SECTION = 'Settings → Public integrations for OAuth';

/** The window's side of OAuth: registering public integrations, connecting through one, removing (and revoking) a connection. */
export function createOAuthHandlers(deps: HandlerDeps, { one, after }: Helpers): Pick<Handlers, OAuthChannel> {
  const { vault } = deps;
  /** The one connect waiting for the browser: a second would race for the same loopback port. */
  let pending: AbortController | null = null;

  const byId = async (id: string): Promise<Integration> => {
    const found = await vault.integrations.findById(id);
    if (found === null) throw usageError(`That integration is no longer registered: register it again in ${SETTINGS_SECTION}.`);
    return found;
  };
  const present = (face: OAuthFace) => async (url: string, privateUrl: () => string): Promise<void> => {
    try {
      await face.openAuthorize(url, privateUrl);
    } catch {
      throw usageError('Could not open your browser at Notion’s authorization page: nothing was stored; check your default browser, then connect again.');
    }
  };

  return {
    'integrations:list': async () => {
      const [integrations, entries] = await Promise.all([vault.integrations.list(), vault.entries()]);
      return integrations.map((i) => summarize(i, entries));
    },
    'integrations:add': async (request) => {
      const secret = normalizeTokenText(text(request.clientSecret));
      if (!secret.ok) throw usageError('That is not one client secret: copy the OAuth client secret from the integration’s settings in Notion and paste only that.');
      await deps.probe();
      const added = await after(vault.integrations.add({
        name: text(request.name), clientId: text(request.clientId), clientSecret: secret.token, redirectPort: request.redirectPort,
      }));
      return summarize(added, []);
    },
    'integrations:remove': async (id) => {
      const integration = await byId(id);
      const users = (await vault.entries()).filter((e) => e.integrationId === integration.id).map((e) => e.name);
      if (users.length > 0) {
        throw usageError(`${users.join(', ')} ${users.length === 1 ? 'was' : 'were'} connected through “${integration.name}” and need${users.length === 1 ? 's' : ''} it to refresh: remove ${users.length === 1 ? 'it' : 'them'} first.`);
      }
      await deps.probe();
      await after(vault.integrations.remove(integration.name));
      return null;
    },
    'integrations:copy-redirect-uri': async (id) => {
      const integration = await byId(id);
      await deps.clipboard.copy(redirectUri(integration.redirectPort), 0, false); // not a secret: nothing to clear, and it may stay in history
      return null;
    },
    'oauth:connect': async ({ integrationId, name }) => {
      const face = deps.oauth;
      if (face === undefined) throw usageError('Connect with OAuth is not available here: run notion-vault connect instead.');
      if (pending !== null) throw usageError('A connect is already waiting for you to approve in the browser: finish it there, or cancel it first.');
      const cancel = new AbortController();
      pending = cancel;
      try {
        const integration = await byId(integrationId);
        const result = await after(connectIntegration(deps, {
          integration: integration.name, name: name === '' ? undefined : name, timeoutMs: face.timeoutMs ?? CONNECT_TIMEOUT_MS,
          baseUrl: face.baseUrl, signal: cancel.signal, present: present(face),
        }));
        const again = `This workspace was already connected through ${integration.name}: ${result.stored.name} got the new tokens in place.`;
        return { entry: await one(result.stored.id), warnings: result.reconnected ? [again, ...result.warnings] : result.warnings };
      } finally {
        if (pending === cancel) pending = null;
      }
    },
    'oauth:cancel': () => {
      pending?.abort();
      return Promise.resolve(null);
    },
    'vault:remove': async (id, options) => {
      const entry = await vault.findById(id);
      await deps.probe();
      if (options?.revoke !== true) {
        await after(vault.remove(entry.name));
      } else if (entry.integrationId == null) {
        throw usageError(`${entry.name} was not connected with OAuth through the vault, so it cannot be revoked from here: remove it ${WITHOUT_REVOKE}, and revoke it in Notion (Settings → Connections).`);
      } else {
        await after(revokeAndRemove(vault, deps.client, entry.name, WITHOUT_REVOKE));
      }
      return null;
    },
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function summarize(integration: Integration, entries: readonly Entry[]): IntegrationSummary {
  const { id, name, clientId, redirectPort } = integration;
  return { id, name, clientId, redirectPort, redirectUri: redirectUri(redirectPort), connections: entries.filter((e) => e.integrationId === id).length };
}
