import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Args, Channel, Envelope, Result } from '../../electron/common/ipc-contract';
import type { TrayAction } from '../../electron/core/tray/tray-model';
import { KEY_HEADER } from '../harness/guard';
import type { HarnessRecord } from '../harness/records';

// Starts the browser harness (`npm run dev:web` without the build step) as a subprocess, for
// integration and Playwright tests: wait for its ready line, read its records, drive the
// test-only routes, stop it. Its output joins the suite's leak scan (clipboard texts masked:
// carrying the secret is that record's job).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HARNESS_ENTRY = join(ROOT, 'test/harness/index.ts');

export type RecordOf<T extends HarnessRecord['type']> = Extract<HarnessRecord, { type: T }>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Harness {
  /** The printed URL, key included: what a browser opens (`page.goto(h.url)`). */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  /** What the page's bridge sends in the X-Vault-Key header (`keyHeader`) of every request. */
  readonly key: string;
  /** The header that carries the key: `{ [h.keyHeader]: h.key }`. */
  readonly keyHeader: string;
  /** Every record so far, in order (a live array). */
  readonly records: HarnessRecord[];
  stdout(): string;
  stderr(): string;
  /** The first record of this type (at index `from` or later) that matches; rejects after `timeoutMs`. */
  waitFor<T extends HarnessRecord['type']>(type: T, match?: (record: RecordOf<T>) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<RecordOf<T>>;
  /** fetch with the key header, on the harness's origin. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** One IPC call, as the page's window.vault makes it; the envelope as it comes. */
  ipc<C extends Channel>(channel: C, ...args: Args<C>): Promise<Envelope<Result<C>>>;
  /** The person copies this (not recorded: the app did not write it). */
  setClipboard(text: string): Promise<void>;
  /** A tray menu click; resolves when its work is done. */
  tray(action: TrayAction): Promise<void>;
  /** SIGTERM (default) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  readonly exited: Promise<Exit>;
}

export interface HarnessOptions {
  args?: string[];
  timeoutMs?: number;
}

/** `env` is added to this process's environment: give it NOTION_VAULT_HOME, NOTION_VAULT_SERVICE, NOTION_API_BASE_URL (see makeVaultEnv). */
export async function startHarness(env: Record<string, string>, { args = [], timeoutMs = 20_000 }: HarnessOptions = {}): Promise<Harness> {
  const child = spawn(process.execPath, ['--import', 'tsx', HARNESS_ENTRY, ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const records: HarnessRecord[] = [];
  const waiters = new Set<() => void>();
  let onReady: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolveReady) => { onReady = resolveReady; });

  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    pending += d;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('ready: ')) onReady(line.slice('ready: '.length));
      else if (line !== '') records.push(JSON.parse(line) as HarnessRecord);
    }
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<Exit>((resolveExit) => {
    child.on('close', (code, signal) => {
      const masked = stdout.replace(/^\{"type":"clipboard","text":.*\}$/gm, '{"type":"clipboard","text":"(secret output)"}');
      const artifacts = process.env.NV_TEST_ARTIFACTS;
      if (artifacts) appendFileSync(join(artifacts, 'outputs.jsonl'), `${JSON.stringify({ args: ['dev:web', ...args], stdout: masked, stderr })}\n`);
      resolveExit({ code, signal });
    });
  });

  const url = await Promise.race([
    ready,
    exited.then((exit) => Promise.reject(new Error(`the harness exited (${String(exit.code ?? exit.signal)}) before it was ready:\n${stderr}`))),
    new Promise<never>((_, reject) => setTimeout(() => { reject(new Error(`the harness was not ready within ${String(timeoutMs)} ms:\n${stderr}`)); }, timeoutMs).unref()),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  const parsed = new URL(url);
  const port = Number(parsed.port);
  const key = parsed.searchParams.get('key') ?? '';
  const post = async (path: string, body: unknown): Promise<Response> => {
    const response = await harnessFetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path}: HTTP ${String(response.status)} ${await response.text()}`);
    return response;
  };
  const harnessFetch = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set(KEY_HEADER, key);
    return fetch(new URL(path, parsed.origin), { ...init, headers });
  };

  return {
    url, origin: parsed.origin, port, key, keyHeader: KEY_HEADER, records,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: <T extends HarnessRecord['type']>(type: T, match: (record: RecordOf<T>) => boolean = () => true, { from = 0, timeoutMs: wait = 5_000 } = {}) =>
      new Promise<RecordOf<T>>((resolveRecord, reject) => {
        const look = (): boolean => {
          const found = records.slice(from).find((r): r is RecordOf<T> => r.type === type && match(r as RecordOf<T>));
          if (found === undefined) return false;
          resolveRecord(found);
          return true;
        };
        if (look()) return;
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no ${type} record as expected within ${String(wait)} ms; records: ${JSON.stringify(records.slice(from)).slice(0, 2_000)}`));
        }, wait);
        const wake = (): void => {
          if (!look()) return;
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      }),
    fetch: harnessFetch,
    ipc: async (channel, ...callArgs) => (await (await post(`/ipc/${channel}`, callArgs)).json()) as Envelope<Result<typeof channel>>,
    setClipboard: async (text) => { await post('/harness/clipboard', { text }); },
    tray: async (action) => { await post('/harness/tray', action); },
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
}
