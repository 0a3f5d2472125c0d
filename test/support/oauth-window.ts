import type { IntegrationSummary, StoredResult } from '../../electron/common/ipc-contract';
import { valueOf } from './e2e';
import type { Harness } from './harness';
import { actAsBrowser, type OAuthClient } from './oauth';

// OAuth through the browser harness's IPC, as the window does it: register a public integration,
// connect a workspace through it, approve in the "browser".

const WAIT_MS = 5_000;

/** The integration registered through IPC, as the settings form would. */
export async function seedIntegration(harness: Harness, client: OAuthClient, name: string): Promise<IntegrationSummary> {
  return valueOf(await harness.ipc('integrations:add', { name, clientId: client.clientId, clientSecret: client.clientSecret, redirectPort: client.port }));
}

/** The next authorize URL main asks to open. */
export async function authorizeUrl(harness: Harness, from: number): Promise<string> {
  const record = await harness.waitFor('open-external', (r) => r.url.includes('/v1/oauth/authorize?'), { from, timeoutMs: WAIT_MS });
  return record.url;
}

/** A workspace connected through the integration over IPC, approved in the "browser". */
export async function seedConnection(harness: Harness, integration: IntegrationSummary, name: string): Promise<StoredResult> {
  const from = harness.records.length;
  const connecting = harness.ipc('oauth:connect', { integrationId: integration.id, name });
  await actAsBrowser(await authorizeUrl(harness, from), 'approve');
  return valueOf(await connecting);
}
