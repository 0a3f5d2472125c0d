// Helpers for the OAuth tests: run `notion-vault connect` as a subprocess, read the authorize
// URL it prints, and act as the browser (the emulator's authorize page answers a scripted
// `decision=approve|deny` with the same 302 redirect Notion sends to the redirect URI).

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CLI, fakeToken, registerSecret, runCli, type CliResult, type VaultEnv } from './cli';
import { collect } from './collect';
import type { NotionEmulator } from './notion-emulator';
import type { IssuedPair } from './notion-emulator-oauth';

const watched = new WeakSet<NotionEmulator>();

/** Every token pair the emulator issues goes to the leak scan (once per emulator, however often it is called). */
export function registerIssuedTokens(emu: NotionEmulator): void {
  if (watched.has(emu)) return;
  watched.add(emu);
  emu.onOAuthTokens(({ access, refresh }) => {
    registerSecret(access);
    registerSecret(refresh);
  });
}

/** A port nothing listens on right now (the OS's pick), for an integration's redirect URI. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface Integration {
  name: string;
  clientId: string;
  clientSecret: string;
  port: number;
}

/** A client registered at the emulator and as an integration in the vault (secret on stdin). */
export async function registerIntegration(emu: NotionEmulator, v: VaultEnv, { name = 'my-app', workspaceName = 'Acme', port }: { name?: string; workspaceName?: string; port?: number } = {}): Promise<Integration> {
  const clientId = randomUUID();
  const clientSecret = fakeToken('secret_');
  const redirectPort = port ?? (await freePort());
  emu.registerOAuthClient(clientId, { secret: clientSecret, workspaceName, redirectUris: [`http://localhost:${String(redirectPort)}/callback`] });
  const r = await runCli(['integrations', 'add', name, '--client-id', clientId, '--port', String(redirectPort)], { env: v.env, input: `${clientSecret}\n` });
  if (r.code !== 0) throw new Error(`integrations add exited ${String(r.code)}: ${r.stderr}`);
  return { name, clientId, clientSecret, port: redirectPort };
}

export interface ConnectRun {
  child: ChildProcessWithoutNullStreams;
  /** The authorize URL, as soon as the CLI prints it on stderr. */
  url: Promise<string>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

const URL_LINE = /(https?:\/\/\S+\/v1\/oauth\/authorize\?\S+)/;

/** `notion-vault connect …` running, with its stderr watched for the authorize URL. */
export function startConnect(v: VaultEnv, args: readonly string[], env: Record<string, string> = {}): ConnectRun {
  const all = ['connect', ...args];
  const child = spawn(process.execPath, [CLI, ...all], { env: { ...process.env, NOTION_VAULT_BROWSER: 'none', ...v.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let seen = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer | string) => {
      seen += String(d);
      const found = URL_LINE.exec(seen)?.[1];
      if (found !== undefined) resolve(found);
    });
    child.on('close', () => { reject(new Error(`connect ended without printing the URL: ${seen}`)); });
  });
  url.catch(() => undefined);
  const done = collect(child).then(({ code, signal, stdout, stderr }) => {
    clearTimeout(guard);
    const artifacts = process.env.NV_TEST_ARTIFACTS;
    if (artifacts) appendFileSync(join(artifacts, 'outputs.jsonl'), `${JSON.stringify({ args: all, stdout, stderr })}\n`);
    return { code: code ?? 128, signal, stdout, stderr };
  });
  return { child, url, done };
}

export interface BrowserVisit {
  /** Where Notion's page sent the browser (the redirect URI with code or error, and state). */
  location: string;
  /** What the CLI's loopback listener answered. */
  status: number;
  text: string;
}

/** Act as the browser: answer Notion's authorize page, then follow its redirect to the CLI's listener. */
export async function actAsBrowser(authorizeUrl: string, decision: 'approve' | 'deny', rewrite: (location: URL) => URL = (l) => l): Promise<BrowserVisit> {
  const page = new URL(authorizeUrl);
  page.searchParams.set('decision', decision);
  const answer = await fetch(page, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`the authorize page answered ${String(answer.status)}: ${await answer.text()}`);
  const back = await fetch(rewrite(new URL(location)));
  return { location, status: back.status, text: await back.text() };
}

/** The whole connect flow, approved; returns the CLI's result. */
export async function connectApproved(v: VaultEnv, args: readonly string[]): Promise<CliResult> {
  const run = startConnect(v, ['--no-browser', ...args]);
  const visit = await actAsBrowser(await run.url, 'approve');
  const done = await run.done;
  if (done.code !== 0) throw new Error(`connect exited ${String(done.code)}: ${done.stderr} (browser got ${String(visit.status)} ${visit.text})`);
  return done;
}

/** An OAuth entry `name`, connected through a fresh integration, and the pair Notion issued it. */
export async function connectedEntry(emu: NotionEmulator, v: VaultEnv, name: string): Promise<{ app: Integration; pair: IssuedPair }> {
  const app = await registerIntegration(emu, v);
  await connectApproved(v, ['--integration', app.name, '--name', name]);
  const pair = emu.currentPair(app.clientId);
  if (!pair) throw new Error('no pair');
  return { app, pair };
}

/** A public integration's OAuth client at the emulator, for a free redirect port. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  port: number;
  redirectUri: string;
}

/** Registers a client; its secret, and every token the emulator issues, join the suite's leak scan. */
export async function newOAuthClient(emu: NotionEmulator, workspaceName: string): Promise<OAuthClient> {
  registerIssuedTokens(emu);
  const clientId = randomUUID();
  const clientSecret = fakeToken('secret_');
  const port = await freePort();
  const redirectUri = `http://localhost:${String(port)}/callback`;
  emu.registerOAuthClient(clientId, { secret: clientSecret, workspaceName, redirectUris: [redirectUri] });
  return { clientId, clientSecret, port, redirectUri };
}

/** Every secret of these clients: their client secrets and each token the emulator issued for them. */
export const clientSecrets = (emu: NotionEmulator, clients: readonly OAuthClient[]): string[] => clients.flatMap((client) => [
  client.clientSecret,
  ...emu.issuedPairs().filter((p) => p.clientId === client.clientId).flatMap((p) => [p.access, p.refresh]),
]);

/** How many refresh-token grants Notion was asked for, for this integration. */
export const refreshCalls = (emu: NotionEmulator, app: Integration): number => emu.oauthTokenCalls().filter((c) => c.clientId === app.clientId && c.grantType === 'refresh_token').length;

/** A keychain item as stored, read outside notion-vault (secret-tool); null if there is none. */
export function keychainItem(service: string, account: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['lookup', 'service', service, 'account', account], (error, stdout) => {
      if (error && error.code !== 1) reject(new Error(`secret-tool lookup failed: ${error.message}`));
      else resolve(error ? null : stdout);
    });
  });
}
