// `npm run dev:web`: the vault window in a normal browser, backed by the real core. A development
// and test tool (UI work, Playwright without the Electron binary); it lives under test/ so it
// never ships: electron-builder packs out/ only, and nothing in electron/ imports it.
//
// stdout: `ready: http://127.0.0.1:PORT/?key=KEY` first, then one JSON record per line (records.ts).
// stderr: human log lines, redacted. Env: NOTION_VAULT_HOME, NOTION_VAULT_SERVICE,
// NOTION_API_BASE_URL, NOTION_VAULT_NOW as for the app; NOTION_VAULT_WEB_PORT or --port N.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { createAppCore } from '../../electron/core/app/app-core';
import { newKey } from './guard';
import { createLog, createRecorder, MemoryClipboard } from './records';
import { startServer, type HarnessServer } from './server';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../../out/renderer');

// Records own stdout: anything a library prints goes to stderr instead.
console.log = console.info = console.debug = (...args: unknown[]) => { console.error(...args); };

const { log, remember } = createLog((line) => { process.stderr.write(`${line}\n`); });

function fail(message: string, code = 2): never {
  log(message);
  process.exit(code);
}

function portFromArgs(argv: string[], env: NodeJS.ProcessEnv): number {
  let raw: string | undefined;
  try {
    raw = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true }).values.port ?? env.NOTION_VAULT_WEB_PORT;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}: the only option is --port N.`);
  }
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`${raw} is not a port: give --port (or NOTION_VAULT_WEB_PORT) a number from 0 to 65535.`);
  return port;
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'bridge.ts')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild produced no bridge');
  return file.text;
}

async function main(): Promise<void> {
  const port = portFromArgs(process.argv.slice(2), process.env);
  if (!existsSync(join(ROOT, 'index.html'))) fail('out/renderer is missing: run npm run build first.');

  const records = createRecorder((line) => { process.stdout.write(`${line}\n`); });
  const clipboard = new MemoryClipboard((text) => {
    remember(text);
    records.clipboard(text);
  });
  let server: HarnessServer | null = null;
  let stopping = false;

  const core = createAppCore({
    clipboard,
    notifier: { send: (notification) => { records.notification(notification); return Promise.resolve(); } },
    // Recorded, never opened: the test machine has no browser to spare, and a person sees the record.
    openExternal: (url) => { records.openExternal(url); return Promise.resolve(); },
    // Connect with OAuth: the authorize URL is recorded too; the test acts as the browser.
    openAuthorize: (url) => { records.openExternal(url); return Promise.resolve(); },
    show: (target) => { records.navigate(target); },
    navigate: (target) => { server?.send({ event: 'ui:navigate', args: [target] }); },
    renderTray: (model) => { records.tray(model); },
    notifyWindow: () => { server?.send({ event: 'vault:changed', args: [] }); },
    loginItem: (openAtLogin) => { records.loginItem(openAtLogin); },
    info: () => ({ loginItem: 'installed-app-only', logFile: null }),
    quit: () => { void stop('Quit from the tray'); },
    log,
  });

  async function stop(why: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${why}`);
    setTimeout(() => { fail('could not stop within 5 s', 1); }, 5_000).unref();
    // Like the app's quit: a pending clipboard clear would die with the process.
    await core.clearClipboard();
    // A check in flight may wait for Notion; the process does not.
    await Promise.race([core.stop(), sleep(2_000)]);
    await server?.close();
    process.exit(0);
  }

  const key = newKey();
  server = await startServer({
    port, key, root: ROOT, bridge: await bundleBridge(), handlers: core.handlers,
    act: (action) => core.act(action),
    setClipboard: (text) => { clipboard.set(text); },
    log, remember,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { void stop(signal); });
  // Whoever read the records is gone (EPIPE): nobody is using this harness any more.
  process.stdout.on('error', () => { void stop('stdout closed'); });

  const { firstPass } = await core.start();
  log(`serving ${ROOT} on http://127.0.0.1:${String(server.port)}/ (open the ready URL: it holds the key)`);
  records.ready(`http://127.0.0.1:${String(server.port)}/?key=${key}`);
  await firstPass;
}

main().catch((error: unknown) => {
  const code = error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 1;
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`, code);
});
