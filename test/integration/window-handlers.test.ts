// The window's side of the contract, as main answers it (createVaultHandlers), on the real keychain
// and over real HTTP to the Notion emulator: the wizard's inspect → save, clipboard sniffing,
// and the status history. The browser harness and the Electron main process serve these same handlers.

import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../electron/common/ipc-contract';
import { ClipboardGuard, type ClipboardPort } from '../../electron/core/app/clipboard-guard';
import { createVaultHandlers, type Handlers } from '../../electron/core/app/vault-handlers';
import { createNotionClient } from '../../electron/core/check/notion-client';
import { createKeytarStore } from '../../electron/core/keychain/keytar-store';
import { Monitor } from '../../electron/core/monitor/monitor';
import { Vault } from '../../electron/core/vault/vault';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { fakeToken, makeVaultEnv } from '../support/cli';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

interface Rig {
  handlers: Handlers;
  clipboard: { text: string };
  home: string;
}

function rig(): Rig {
  const { home, service } = makeVaultEnv();
  const dir = mkdtempSync(join(home, '..', 'window-'));
  const clock = (): Date => new Date();
  const store = createKeytarStore({ service });
  const vault = new Vault(openVaultFile({ dir, clock }), store, clock);
  const client = (): Promise<ReturnType<typeof createNotionClient>> => Promise.resolve(createNotionClient({ baseUrl: notion().url, timeoutMs: 5_000 }));
  const monitor = new Monitor({ vault, client, clock, notifier: { send: () => Promise.resolve() } });
  const clipboard = { text: '' };
  const port: ClipboardPort = { readText: () => clipboard.text, writeText: (text) => { clipboard.text = text; } };
  const handlers = createVaultHandlers({
    vault, client, clock, monitor, clipboard: new ClipboardGuard(port), changed: () => undefined,
    probe: () => store.probe(), openExternal: () => Promise.resolve(),
  });
  return { handlers, clipboard, home: dir };
}

const ok = (inspection: Inspection): Extract<Inspection['check'], { result: 'ok' }> => {
  if (inspection.check.result !== 'ok') throw new Error(`expected an ok check, got ${inspection.check.result}`);
  return inspection.check;
};

describe('token:inspect then vault:add', () => {
  it('normalizes a pasted "Bearer …" line, shows workspace and identity, and saves the draft without a second check', async () => {
    const { handlers, home } = rig();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Globex', userName: 'Sync Bot' });

    const inspection = await handlers['token:inspect']({ text: `  Bearer ${token}\n` });
    expect(ok(inspection)).toMatchObject({ kind: 'internal', workspaceName: 'Globex', identity: { type: 'bot', name: 'Sync Bot' }, pagesShared: true });
    expect(inspection.redacted).toBe(`ntn_…${token.slice(-4)}`);
    expect(inspection.suggestedName).toBe('globex-internal');
    expect(inspection.duplicateOf).toBeNull();
    expect(JSON.stringify(inspection)).not.toContain(token);
    const checks = notion().requests(token).length;

    const { entry, warnings } = await handlers['vault:add']({ draftId: inspection.draftId, name: inspection.suggestedName });
    expect(entry).toMatchObject({ name: 'globex-internal', kind: 'internal', shownStatus: 'valid', workspaceName: 'Globex' });
    expect(warnings).toEqual([]);
    expect(notion().requests(token)).toHaveLength(checks);
    expect(entry.history.map(({ event, status, message }) => ({ event, status, message }))).toEqual([{ event: 'added', status: 'valid', message: null }]);
    expect(await handlers['vault:reveal'](entry.id)).toBe(token);
    expect(readFileSync(join(home, 'vault.json'), 'utf8')).not.toContain(token);

    // The draft is spent: saving it again is refused with what to do.
    await expect(handlers['vault:add']({ draftId: inspection.draftId })).rejects.toThrow('paste it again');
    // And the same secret inspected again names the entry that holds it.
    expect((await handlers['token:inspect']({ text: token })).duplicateOf).toBe('globex-internal');
  });

  it('reports a revoked token with Notion’s reason, and save is refused', async () => {
    const { handlers } = rig();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', revoked: true });
    const inspection = await handlers['token:inspect']({ text: token });
    expect(inspection.check.result).toBe('unauthorized');
    expect(inspection.check.result === 'unauthorized' && inspection.check.message).toMatch(/Notion/);
    await expect(handlers['vault:add']({ draftId: inspection.draftId })).rejects.toThrow(/^Not stored: /);
    expect(await handlers['vault:list']()).toEqual([]);
  });

  it('a token that sees no pages: Check again after sharing uses the same draft and sees the page', async () => {
    const { handlers } = rig();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', pagesShared: false });
    const first = await handlers['token:inspect']({ text: token });
    expect(ok(first).pagesShared).toBe(false);
    notion().updateToken(token, { pagesShared: true });
    const again = await handlers['token:inspect']({ draftId: first.draftId });
    expect(again.draftId).toBe(first.draftId);
    expect(ok(again).pagesShared).toBe(true);
    const { entry } = await handlers['vault:add']({ draftId: again.draftId });
    expect(entry.pagesShared).toBe(true);
  });

  it('a discarded draft cannot be saved', async () => {
    const { handlers } = rig();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal' });
    const { draftId } = await handlers['token:inspect']({ text: token });
    await handlers['token:discard'](draftId);
    await expect(handlers['vault:add']({ draftId })).rejects.toThrow('no longer held');
  });

  it('a malformed paste is refused with the rule, never the text', async () => {
    const { handlers } = rig();
    const error = await handlers['token:inspect']({ text: 'ntn_abc def ghi jkl mno pqr stu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/spaces|more than one/);
    expect((error as Error).message).not.toContain('ntn_abc');
  });
});

describe('the clipboard, read by main', () => {
  it('peek says whether a token is there without handing it over; inspect takes it from there', async () => {
    const { handlers, clipboard } = rig();
    expect(await handlers['clipboard:peek']()).toEqual({ token: false, redacted: null });
    clipboard.text = 'https://www.notion.so/profile/integrations/internal/abcdef';
    expect((await handlers['clipboard:peek']()).token).toBe(false);

    const token = fakeToken();
    notion().setToken(token, { identity: 'pat-person', userName: 'Ada' });
    clipboard.text = `NOTION_TOKEN="${token}"`;
    const peek = await handlers['clipboard:peek']();
    expect(peek).toEqual({ token: true, redacted: `ntn_…${token.slice(-4)}` });
    const inspection = await handlers['token:inspect']({ clipboard: true });
    expect(ok(inspection)).toMatchObject({ kind: 'pat', identity: { type: 'person', name: 'Ada' } });

    clipboard.text = 'hello';
    await expect(handlers['token:inspect']({ clipboard: true })).rejects.toThrow('The clipboard holds no token');
  });
});

describe('status history', () => {
  it('records the add, each change of verdict (not every check), and a rotation', async () => {
    const { handlers } = rig();
    const token = fakeToken();
    notion().setToken(token, { identity: 'internal', workspaceName: 'Initech' });
    const { entry } = await handlers['vault:add']({ text: token });
    await handlers['vault:check']([entry.id]);
    notion().revoke(token);
    await handlers['vault:check']([entry.id]);
    await handlers['vault:check']([entry.id]);
    const fresh = fakeToken();
    notion().setToken(fresh, { identity: 'internal', workspaceName: 'Initech' });
    const { entry: rotated } = await handlers['vault:rotate'](entry.id, { text: fresh });
    expect(rotated.history.map((h) => [h.event, h.status])).toEqual([['added', 'valid'], ['checked', 'invalid'], ['rotated', 'valid']]);
    expect(rotated.history[1]?.message).toMatch(/invalid|Notion/i);
  });
});

describe('vault:rotate', () => {
  it('refuses a replacement of another kind, even when the entry has no workspace id to compare', async () => {
    const { handlers } = rig();
    const pat = fakeToken();
    notion().setToken(pat, { identity: 'pat-person', userName: 'Ada' });
    const { entry } = await handlers['vault:add']({ text: pat, workspace: 'Typed by hand' });
    expect(entry).toMatchObject({ kind: 'pat', workspaceId: null, workspaceName: 'Typed by hand' });
    const internal = fakeToken();
    notion().setToken(internal, { identity: 'internal', workspaceName: 'Acme' });
    await expect(handlers['vault:rotate'](entry.id, { text: internal })).rejects.toThrow(/internal integration secret, but .* is a personal access token/);
    expect(await handlers['vault:reveal'](entry.id)).toBe(pat);
  });
});


describe('vault:which and vault:check-page', () => {
  it('answer per entry, with the fix for its kind; a link that is not Notion’s is refused with how to get one', async () => {
    const { handlers } = rig();
    const shared = fakeToken();
    const pat = fakeToken();
    notion().setToken(shared, { identity: 'internal', workspaceName: 'Hooli', userName: 'Hooli Sync' });
    notion().setToken(pat, { identity: 'pat-person', userName: 'Gavin', creator: 'Gavin', workspaceName: 'Hooli' });
    const { entry: sync } = await handlers['vault:add']({ text: shared, name: 'hooli-sync' });
    const { entry: gavin } = await handlers['vault:add']({ text: pat, name: 'gavin', kind: 'pat', workspace: 'Hooli' });
    const page = 'a1b2c3d4e5f647a8b9c0d1e2f3a4b5c6';
    notion().content.set(page, { kind: 'page', title: 'Plans', workspaceName: 'Hooli', sharedWith: [shared] });

    const all = await handlers['vault:which'](`https://www.notion.so/hooli/Plans-${page}`);
    expect(all).toMatchObject({ verdict: 'seen', type: 'page', title: 'Plans' });
    expect(all.answers.find((a) => a.entryId === sync.id)).toMatchObject({ sees: true });
    const no = all.answers.find((a) => a.entryId === gavin.id);
    expect(no).toMatchObject({ sees: false, reason: 'creator-cannot-see' });
    expect(no?.fix).not.toContain('Add connection');

    const one = await handlers['vault:check-page'](gavin.id, page);
    expect(one.answers.map((a) => a.entryId)).toEqual([gavin.id]);
    expect(one.verdict).toBe('unseen');
    await expect(handlers['vault:which']('https://example.com/x')).rejects.toThrow(/Copy link/);
    expect(JSON.stringify(all)).not.toContain(shared);
  });
});
