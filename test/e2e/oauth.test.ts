// "Connect with OAuth" in the vault window, end to end: a public integration registered in
// Settings (client secret masked, into the keychain), the wizard's Connect with main opening
// Notion's authorization page (the harness records it as `open-external`), the test acting as the
// browser on the emulator's page and following its redirect to the loopback listener, and Remove
// with "Also revoke it in Notion". Debian's Chromium (Playwright) on the browser harness: the real
// core on the suite's private gnome-keyring. Neither the client secret nor any issued token is
// ever in the page, the records or the logs.

import { createServer, type Server } from 'node:net';
import type { Locator, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { IntegrationSummary, StoredResult } from '../../electron/common/ipc-contract';
import { expectAccessible, expectNoSecretInPage, openCheckedWindow, useBrowser, valueOf, type CheckedWindow, type WindowOptions } from '../support/e2e';
import type { Harness } from '../support/harness';
import { actAsBrowser, clientSecrets, newOAuthClient, type OAuthClient } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
const browser = useBrowser();

const WAIT_MS = 5_000;

// ---------------------------------------------------------------------------
// Helpers

const newClient = (workspaceName: string): Promise<OAuthClient> => newOAuthClient(notion(), workspaceName);

/** A fresh vault and its window; `finish` checks page, records and logs for the client's secrets, then closes it. */
const open = (client: OAuthClient, options: WindowOptions = {}): Promise<CheckedWindow> =>
  openCheckedWindow(browser(), notion().url, () => clientSecrets(notion(), [client]), options, WAIT_MS);

/** The integration registered through IPC, as the settings form would. */
async function seedIntegration(harness: Harness, client: OAuthClient, name = 'my-app'): Promise<IntegrationSummary> {
  return valueOf(await harness.ipc('integrations:add', { name, clientId: client.clientId, clientSecret: client.clientSecret, redirectPort: client.port }));
}

/** The next authorize URL main asks to open. */
async function authorizeUrl(harness: Harness, from: number): Promise<string> {
  const record = await harness.waitFor('open-external', (r) => r.url.includes('/v1/oauth/authorize?'), { from, timeoutMs: WAIT_MS });
  return record.url;
}

const button = (scope: Page | Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });
const heading = (page: Page, name: string, level: number): Locator => page.getByRole('heading', { name, exact: true, level });
const alert = (page: Page | Locator, text: string): Locator => page.getByRole('alert').filter({ hasText: text });
const status = (page: Page | Locator, text: string): Locator => page.getByRole('status').filter({ hasText: text });
const shown = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });

/** A fact (dt → dd) in a definition list. */
async function fact(scope: Page | Locator, label: string): Promise<string> {
  return (await scope.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

/** Add token → OAuth token: the Connect with OAuth panel on step 1. */
async function toConnectPanel(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Vault' }).getByRole('button', { name: 'Add token', exact: true }).click();
  await heading(page, 'Step 1 of 4: Choose the kind of token', 3).waitFor();
  await page.getByRole('group', { name: 'Which kind of token?' }).getByRole('radio', { name: 'OAuth token', exact: true }).check();
  const panel = page.getByRole('region', { name: 'Connect with OAuth', exact: true });
  await shown(panel);
  return panel;
}

/** Clicks Connect and returns the authorize URL main opened, once the window says it is waiting. */
async function clickConnect(page: Page, harness: Harness, panel: Locator): Promise<string> {
  const from = harness.records.length;
  await button(panel, 'Connect').click();
  const url = await authorizeUrl(harness, from);
  await shown(status(panel, 'Waiting for you to approve in the browser…'));
  return url;
}

async function entryNames(harness: Harness): Promise<string[]> {
  return valueOf(await harness.ipc('vault:list')).map((e) => e.name);
}

/** Holds a port the way another program would. */
async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

// ---------------------------------------------------------------------------

describe('Connect with OAuth in the vault window', () => {
  it('registers the public integration in Settings (from the wizard), then connects a workspace through it', async () => {
    const client = await newClient('Acme');
    const w = await open(client, { colorScheme: 'dark' });
    const { page, harness } = w;

    // No integration yet: the wizard sends the person to Settings, to the section.
    const panel = await toConnectPanel(page);
    await button(panel, 'Register a public integration').click();
    const section = heading(page, 'Public integrations for OAuth', 3);
    await shown(section);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Public integrations for OAuth');
    await shown(page.getByText('No public integration is registered yet.', { exact: true }));

    // The form: the secret masked, uncontrolled, and gone from the field once sent.
    const form = page.getByRole('form', { name: 'Register a public integration' });
    await form.getByLabel('Name', { exact: true }).fill('my-app');
    await form.getByLabel('Client ID', { exact: true }).fill(client.clientId);
    const secret = form.getByLabel('Client secret', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    await secret.fill(client.clientSecret);
    expect(await secret.getAttribute('value'), 'no value attribute holds the secret').toBeNull();
    const port = form.getByLabel('Redirect port', { exact: true });
    expect(await port.inputValue(), 'the default port is shown').toBe('51723');
    await port.fill(String(client.port));
    await button(form, 'Register integration').click();
    await shown(status(page, `Registered my-app. In Notion, add its redirect URI to the integration’s OAuth settings: ${client.redirectUri}`));
    expect(await secret.inputValue()).toBe('');
    expect(await page.getByLabel('Redirect URI', { exact: true }).inputValue()).toBe(client.redirectUri);
    await expectNoSecretInPage(page, [client.clientSecret]);

    // Main copies the redirect URI (the sandboxed window has no clipboard of its own).
    const from = harness.records.length;
    await button(page, 'Copy redirect URI').click();
    expect((await harness.waitFor('clipboard', undefined, { from })).text).toBe(client.redirectUri);
    await shown(status(page, `Copied ${client.redirectUri}`));
    const item = page.locator('.integrations-list li').filter({ hasText: 'my-app' });
    expect(await item.textContent()).toContain(`${client.clientId} · 0 connections`);
    expect(await item.textContent()).toContain(client.redirectUri);
    await expectAccessible(page, 'settings, public integration registered (dark)');

    // Connect: main opens Notion's authorization page; the test is the browser and approves.
    const connect = await toConnectPanel(page);
    expect(await connect.getByLabel('Public integration', { exact: true }).inputValue()).not.toBe('');
    const url = new URL(await clickConnect(page, harness, connect));
    expect(`${url.origin}${url.pathname}`).toBe(`${notion().url}/v1/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(client.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(client.redirectUri);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    expect(await button(connect, 'Connect').getAttribute('aria-disabled')).toBe('true');
    await expectAccessible(page, 'wizard, waiting for the browser (dark)');
    const visit = await actAsBrowser(url.href, 'approve');
    expect(visit.status).toBe(200);

    // The new entry's details: an OAuth token for Acme, the integration's bot.
    await shown(heading(page, 'acme-oauth', 2));
    await shown(status(page, 'Saved acme-oauth in the vault.'));
    expect(await page.locator('.subtitle').textContent()).toBe('OAuth token · Acme');
    expect(await fact(page, 'Identity')).toBe('My Public Integration (bot)');
    const [entry] = valueOf(await harness.ipc('vault:list'));
    expect(entry).toMatchObject({ name: 'acme-oauth', kind: 'oauth', workspaceName: 'Acme', shownStatus: 'valid' });
    expect(valueOf(await harness.ipc('integrations:list'))[0]?.connections).toBe(1);
    expect(await harness.ipc('vault:reveal', entry?.id ?? '')).toEqual({ ok: true, value: notion().currentPair(client.clientId)?.access });
    await w.finish();
  });

  it('denial and a busy port are said in one line, store nothing, a forged state is ignored, and the wizard stays usable', async () => {
    const client = await newClient('Beta');
    const w = await open(client, { seed: async (h) => { await seedIntegration(h, client); } });
    const { page, harness } = w;
    const panel = await toConnectPanel(page);

    // Declined in Notion.
    await actAsBrowser(await clickConnect(page, harness, panel), 'deny');
    await shown(alert(page, 'Access was denied in Notion: nothing was stored; connect again and allow access to connect.'));
    expect(await button(panel, 'Connect').getAttribute('aria-disabled')).toBe('false');
    expect(await button(panel, 'Cancel connecting').count()).toBe(0);

    // The redirect port is held by another program: refused before any browser page.
    const blocker = await holdPort(client.port);
    try {
      const from = harness.records.length;
      await button(panel, 'Connect').click();
      await shown(alert(page, `Port ${String(client.port)} is busy: close what uses it, or register the integration with another port (and update the redirect URI in Notion).`));
      expect(harness.records.slice(from).filter((r) => r.type === 'open-external')).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    expect(await entryNames(harness)).toEqual([]);
    await expectAccessible(page, 'wizard, connect refused');

    // Another page calls the callback first, with a state that is not ours: answered 400 and
    // ignored, nothing stored, no code exchanged, and the window still waits for the real one.
    const url = await clickConnect(page, harness, panel);
    const forged = await fetch(`${client.redirectUri}?code=x&state=wrong`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('This callback is not from the current connect attempt');
    expect(notion().oauthTokenCalls().filter((c) => c.clientId === client.clientId), 'no code was exchanged').toEqual([]);
    expect(await entryNames(harness)).toEqual([]);
    await shown(status(panel, 'Waiting for you to approve in the browser…'));
    expect(await panel.getByRole('alert').count(), 'the forged callback is no error of this attempt').toBe(0);

    // The real approval completes that same attempt.
    const from = harness.records.length;
    await actAsBrowser(url, 'approve');
    await shown(heading(page, 'beta-oauth', 2));
    expect(await entryNames(harness)).toEqual(['beta-oauth']);
    expect(harness.records.slice(from).filter((r) => r.type === 'open-external'), 'no second authorize page').toEqual([]);
    await w.finish();
  });

  it('Cancel while waiting stops listening and stores nothing', async () => {
    const client = await newClient('Gamma');
    const w = await open(client, { seed: async (h) => { await seedIntegration(h, client); } });
    const { page, harness } = w;
    const panel = await toConnectPanel(page);
    const url = await clickConnect(page, harness, panel);
    await button(panel, 'Cancel connecting').click();
    await shown(status(panel, 'Connect cancelled: nothing was stored.'));
    expect(await page.getByRole('alert').count(), 'a cancel is not an error').toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Connect');

    // The listener is gone: approving now reaches nobody, and nothing is stored.
    await expect(actAsBrowser(url, 'approve')).rejects.toThrow();
    const again = await holdPort(client.port); // the port is free again
    await new Promise((resolve) => again.close(resolve));
    expect(await entryNames(harness)).toEqual([]);
    await w.finish();
  });

  it('Remove with “Also revoke it in Notion” revokes the connection in Notion, then forgets it', async () => {
    const client = await newClient('Delta');
    const w = await open(client, {
      seed: async (h) => {
        const integration = await seedIntegration(h, client);
        const from = h.records.length;
        const connecting = h.ipc('oauth:connect', { integrationId: integration.id, name: 'delta' });
        await actAsBrowser(await authorizeUrl(h, from), 'approve');
        valueOf<StoredResult>(await connecting);
      },
    });
    const { page, harness } = w;
    const pair = notion().currentPair(client.clientId);
    expect(pair).not.toBeNull();

    await button(page, 'delta').click();
    await shown(heading(page, 'delta', 2));
    await button(page, 'Remove').click();
    const dialog = page.getByRole('dialog', { name: 'Remove delta?' });
    await shown(dialog);
    const revoke = dialog.getByRole('checkbox', { name: 'Also revoke it in Notion', exact: true });
    expect(await revoke.isChecked(), 'checked by default').toBe(true);
    expect(await dialog.textContent()).toContain('Notion revokes the connection’s access first');
    await expectAccessible(page, 'remove dialog of a connected entry');
    await button(dialog, 'Remove from vault').click();
    await shown(status(page, 'Removed delta.'));

    expect(notion().refreshTokenState(pair?.refresh ?? '')).toBe('revoked');
    const me = await fetch(`${notion().url}/v1/users/me`, { headers: { Authorization: `Bearer ${pair?.access ?? ''}`, 'Notion-Version': '2026-03-11' } });
    expect(me.status, 'the access token is dead').toBe(401);
    expect(await entryNames(harness)).toEqual([]);
    expect(valueOf(await harness.ipc('integrations:list'))[0]?.connections).toBe(0);
    await w.finish();
  });
});
