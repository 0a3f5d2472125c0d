import { baseUrlFromEnv } from '../../core/check/notion-client';
import { EXIT, usageError } from '../../core/errors';
import { connectIntegration } from '../../core/oauth/connect';
import { ConnectCancelled } from '../../core/oauth/loopback';
import type { Context } from '../context';
import { describeEntry } from '../format';
import { openBrowser } from '../open-browser';

type Env = Parameters<typeof openBrowser>[1];

export interface ConnectFlags {
  integration: string;
  name?: string;
  timeout: string;
  browser: boolean;
  json?: boolean;
}

/** Exit code of a run cancelled with Ctrl-C, as shells report it (128 + SIGINT). */
const CANCELLED = 130;
const MAX_TIMEOUT_S = 3600;

/** Connect a workspace through a registered public integration: authorize in the browser, store the tokens. */
export async function connect(ctx: Context, flags: ConnectFlags): Promise<number> {
  const seconds = Number(flags.timeout);
  if (!/^\d+$/.test(flags.timeout) || seconds < 1 || seconds > MAX_TIMEOUT_S) throw usageError(`--timeout takes whole seconds from 1 to ${String(MAX_TIMEOUT_S)}, e.g. --timeout 120.`);

  const cancel = new AbortController();
  const onSignal = (): void => { cancel.abort(); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await connectIntegration(
      { vault: ctx.vault, probe: () => ctx.store.probe(), client: () => ctx.client(), clock: ctx.clock },
      {
        integration: flags.integration, name: flags.name, timeoutMs: seconds * 1000, baseUrl: baseUrlFromEnv(ctx.env), signal: cancel.signal,
        remember: (secret) => { ctx.remember(secret); },
        present: async (url, privateUrl) => {
          const opened = flags.browser && (await openPrivately(privateUrl, ctx.env));
          ctx.warn(opened ? `Opened Notion's authorization page in your browser; if it did not appear, open: ${url}` : `Open this page in your browser to connect: ${url}`);
          ctx.warn(`Waiting up to ${String(seconds)} s for you to allow access in Notion (Ctrl-C cancels)…`);
        },
      },
    );
    for (const warning of result.warnings) ctx.warn(warning);
    if (flags.json) ctx.json(result.stored);
    else ctx.print(`${result.reconnected ? 'Reconnected' : 'Connected'} ${describeEntry(result.stored)}.\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConnectCancelled) {
      ctx.warn(error.message);
      return CANCELLED;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The browser gets the private page, never the authorize URL; without the page, the URL is shown to open by hand. */
async function openPrivately(privateUrl: () => string, env: Env): Promise<boolean> {
  let page: string;
  try {
    page = privateUrl();
  } catch {
    return false;
  }
  return openBrowser(page, env);
}
