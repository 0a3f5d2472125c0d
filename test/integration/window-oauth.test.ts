// The window's side of OAuth as main answers it (createVaultHandlers with an OAuth face): public
// integrations registered through the contract (client secret into the keychain), oauth:connect
// with the test acting as the browser on the emulator's authorize page, one connect at a time,
// cancel, timeout, and vault:remove revoking in Notion first. Real keychain, real HTTP.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IntegrationSummary } from '../../electron/common/ipc-contract';
import { ClipboardGuard, type ClipboardPort } from '../../electron/core/app/clipboard-guard';
import { createVaultHandlers, type Handlers } from '../../electron/core/app/vault-handlers';
import { createNotionClient } from '../../electron/core/check/notion-client';
import { createKeytarStore } from '../../electron/core/keychain/keytar-store';
import { Monitor } from '../../electron/core/monitor/monitor';
import { Vault } from '../../electron/core/vault/vault';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { fakeToken, makeVaultEnv } from '../support/cli';
import { actAsBrowser, freePort, registerIssuedTokens } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();
let registered = false;

interface Rig {
  handlers: Handlers;
  clipboard: { text: string };
  home: string;
  /** Each authorize URL main asked to open, as it comes. */
  opened: string[];
  nextOpen(): Promise<string>;
  /** Where the Notion client goes: the emulator, or somewhere that does not answer. */
  setNotion(url: string): void;
}

function rig({ withFace = true, timeoutMs }: { withFace?: boolean; timeoutMs?: number } = {}): Rig {
  if (!registered) {
    registerIssuedTokens(notion());
    registered = true;
  }
  const { home, service } = makeVaultEnv();
  const dir = mkdtempSync(join(home, '..', 'window-oauth-'));
  const clock = (): Date => new Date();
  const store = createKeytarStore({ service });
  const vault = new Vault(openVaultFile({ dir, clock }), store, clock);
  let base = notion().url;
  const client = (): Promise<ReturnType<typeof createNotionClient>> => Promise.resolve(createNotionClient({ baseUrl: base, timeoutMs: 2_000 }));
  const monitor = new Monitor({ vault, client, clock, notifier: { send: () => Promise.resolve() } });
  const clipboard = { text: '' };
  const port: ClipboardPort = { readText: () => clipboard.text, writeText: (text) => { clipboard.text = text; } };
  const opened: string[] = [];
  const waiting: ((url: string) => void)[] = [];
  const handlers = createVaultHandlers({
    vault, client, clock, monitor, clipboard: new ClipboardGuard(port), changed: () => undefined,
    probe: () => store.probe(), openExternal: () => Promise.resolve(),
    oauth: withFace ? {
      baseUrl: notion().url, timeoutMs,
      openAuthorize: (url) => {
        opened.push(url);
        waiting.shift()?.(url);
        return Promise.resolve();
      },
    } : undefined,
  });
  return {
    handlers, clipboard, home: dir, opened,
    nextOpen: () => new Promise((resolve) => { waiting.push(resolve); }),
    setNotion: (url) => { base = url; },
  };
}

/** A client at the emulator, and the same integration registered through integrations:add. */
async function register(r: Rig, { name = 'my-app', workspaceName = 'Acme' } = {}): Promise<IntegrationSummary & { clientSecret: string }> {
  const clientId = randomUUID();
  const clientSecret = fakeToken('secret_');
  const redirectPort = await freePort();
  notion().registerOAuthClient(clientId, { secret: clientSecret, workspaceName, redirectUris: [`http://localhost:${String(redirectPort)}/callback`] });
  const added = await r.handlers['integrations:add']({ name, clientId, clientSecret: `  ${clientSecret}\n`, redirectPort });
  return { ...added, clientSecret };
}

/** oauth:connect, approved in the "browser". */
async function connectApproved(r: Rig, integrationId: string, name?: string): ReturnType<Handlers['oauth:connect']> {
  const url = r.nextOpen();
  const connecting = r.handlers['oauth:connect']({ integrationId, name });
  await actAsBrowser(await url, 'approve');
  return connecting;
}

describe('integrations:* from the window', () => {
  it('registers one (the secret into the keychain, never back), lists it with its redirect URI, copies that, removes it', async () => {
    const r = rig();
    const app = await register(r, { name: 'my-app' });
    expect(app).toEqual({ id: expect.any(String) as unknown, name: 'my-app', clientId: app.clientId, redirectPort: app.redirectPort, redirectUri: `http://localhost:${String(app.redirectPort)}/callback`, connections: 0, clientSecret: app.clientSecret });
    const listed = await r.handlers['integrations:list']();
    expect(listed).toEqual([{ id: app.id, name: 'my-app', clientId: app.clientId, redirectPort: app.redirectPort, redirectUri: app.redirectUri, connections: 0 }]);
    expect(JSON.stringify(listed)).not.toContain(app.clientSecret);
    expect(readFileSync(join(r.home, 'vault.json'), 'utf8')).not.toContain(app.clientSecret);

    expect(await r.handlers['integrations:copy-redirect-uri'](app.id)).toBeNull();
    expect(r.clipboard.text).toBe(app.redirectUri);

    expect(await r.handlers['integrations:remove'](app.id)).toBeNull();
    expect(await r.handlers['integrations:list']()).toEqual([]);
    await expect(r.handlers['integrations:copy-redirect-uri'](app.id)).rejects.toThrow('no longer registered');
  });

  it('refuses a bad secret, port, name or a duplicate with one line, and stores nothing', async () => {
    const r = rig();
    const base = { name: 'x', clientId: 'abc', clientSecret: fakeToken('secret_') };
    await expect(r.handlers['integrations:add']({ ...base, clientSecret: 'two words' })).rejects.toThrow('That is not one client secret');
    await expect(r.handlers['integrations:add']({ ...base, redirectPort: 80 })).rejects.toThrow('The redirect port is a number from 1024 to 65535');
    await expect(r.handlers['integrations:add']({ ...base, name: '-bad' })).rejects.toThrow('Names are');
    expect(await r.handlers['integrations:list']()).toEqual([]);
    const first = await r.handlers['integrations:add'](base);
    expect(first.redirectPort).toBe(51723);
    await expect(r.handlers['integrations:add'](base)).rejects.toThrow('already registered');
  });
});

describe('oauth:connect from the window', () => {
  it('opens the authorize page, takes the redirect, stores the entry; the integration then cannot be removed', async () => {
    const r = rig();
    const app = await register(r, { workspaceName: 'Window Labs' });
    const { entry, warnings } = await connectApproved(r, app.id);
    const url = new URL(r.opened[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${notion().url}/v1/oauth/authorize`);
    expect(url.searchParams.get('redirect_uri')).toBe(app.redirectUri);
    expect(entry).toMatchObject({ name: 'window-labs-oauth', kind: 'oauth', workspaceName: 'Window Labs', shownStatus: 'valid', integrationId: app.id, identity: { type: 'bot' } });
    expect(warnings).toEqual([]);
    const pair = notion().currentPair(app.clientId);
    expect(JSON.stringify(entry)).not.toContain(pair?.access);
    expect(await r.handlers['vault:reveal'](entry.id)).toBe(pair?.access);
    expect((await r.handlers['integrations:list']())[0]?.connections).toBe(1);
    await expect(r.handlers['integrations:remove'](app.id)).rejects.toThrow('window-labs-oauth was connected through “my-app” and needs it to refresh: remove it first.');

    // The same workspace again: reconnected in place, and said so.
    const again = await connectApproved(r, app.id);
    expect(again.entry.id).toBe(entry.id);
    expect(again.warnings[0]).toContain('already connected through my-app');
  });

  it('one connect at a time; Cancel stops the waiting one with nothing stored, and the next one works', async () => {
    const r = rig();
    const app = await register(r);
    const opened = r.nextOpen();
    const first = r.handlers['oauth:connect']({ integrationId: app.id });
    first.catch(() => undefined);
    await opened;
    await expect(r.handlers['oauth:connect']({ integrationId: app.id })).rejects.toThrow('A connect is already waiting for you to approve in the browser');
    expect(await r.handlers['oauth:cancel']()).toBeNull();
    await expect(first).rejects.toThrow('Connect cancelled: nothing was stored.');
    expect(await r.handlers['vault:list']()).toEqual([]);
    expect(await r.handlers['oauth:cancel'](), 'nothing to cancel is fine').toBeNull();

    const { entry } = await connectApproved(r, app.id, 'acme');
    expect(entry.name).toBe('acme');
  });

  it('denial is refused with one line; a timeout too; nothing is stored', async () => {
    const r = rig({ timeoutMs: 1_000 });
    const app = await register(r);
    const url = r.nextOpen();
    const connecting = r.handlers['oauth:connect']({ integrationId: app.id });
    connecting.catch(() => undefined);
    await actAsBrowser(await url, 'deny');
    await expect(connecting).rejects.toThrow('Access was denied in Notion: nothing was stored');

    await expect(r.handlers['oauth:connect']({ integrationId: app.id })).rejects.toThrow('No answer from Notion within 1 s: nothing was stored');
    expect(await r.handlers['vault:list']()).toEqual([]);
  });

  it('a forged state is answered 400 and ignored: nothing stored, no code exchanged, and the real approval completes the same attempt', async () => {
    const r = rig();
    const app = await register(r);
    const url = r.nextOpen();
    const connecting = r.handlers['oauth:connect']({ integrationId: app.id });
    connecting.catch(() => undefined);
    const opened = await url;
    const forged = await actAsBrowser(opened, 'approve', (l) => { l.searchParams.set('state', 'wrong'); return l; });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This callback is not from the current connect attempt');
    expect(await r.handlers['vault:list']()).toEqual([]);
    expect(notion().oauthTokenCalls().filter((c) => c.clientId === app.clientId), 'no code was exchanged').toEqual([]);
    await expect(r.handlers['oauth:connect']({ integrationId: app.id }), 'the attempt is still waiting').rejects.toThrow('A connect is already waiting');

    await actAsBrowser(opened, 'approve');
    const { entry } = await connecting;
    expect(entry.name).toBe('acme-oauth');
    expect(r.opened, 'the same attempt: one authorize page').toEqual([opened]);
  });

  it('is refused where no browser can be opened, and for an integration that is gone', async () => {
    await expect(rig({ withFace: false }).handlers['oauth:connect']({ integrationId: 'x' })).rejects.toThrow('Connect with OAuth is not available here');
    await expect(rig().handlers['oauth:connect']({ integrationId: randomUUID() })).rejects.toThrow('no longer registered');
  });
});

describe('vault:remove of a connected entry', () => {
  it('revokes in Notion first; Notion unreachable removes nothing; a pasted token cannot be revoked', async () => {
    const r = rig();
    const app = await register(r);
    const { entry } = await connectApproved(r, app.id, 'acme');
    const pair = notion().currentPair(app.clientId);

    r.setNotion('http://127.0.0.1:9');
    await expect(r.handlers['vault:remove'](entry.id, { revoke: true })).rejects.toThrow('Not removed: Notion could not be reached');
    await expect(r.handlers['vault:remove'](entry.id, { revoke: true })).rejects.toThrow('remove it without “Also revoke it in Notion”');
    expect((await r.handlers['vault:list']()).map((e) => e.name)).toEqual(['acme']);
    r.setNotion(notion().url);

    expect(await r.handlers['vault:remove'](entry.id, { revoke: true })).toBeNull();
    expect(notion().refreshTokenState(pair?.refresh ?? '')).toBe('revoked');
    expect(await r.handlers['vault:list']()).toEqual([]);

    const token = fakeToken();
    const pasted = await r.handlers['vault:add']({ text: token, kind: 'oauth', name: 'pasted', check: false });
    await expect(r.handlers['vault:remove'](pasted.entry.id, { revoke: true })).rejects.toThrow('cannot be revoked from here');
    expect(await r.handlers['vault:remove'](pasted.entry.id)).toBeNull();
  });
});
