import { basename } from 'node:path';
import { outsideName } from '../../common/outside-text';
import type { Entry } from '../../common/types';
import { usageError } from '../../core/errors';
import { baseUrlFromEnv } from '../../core/check/notion-client';
import { refreshEntry } from '../../core/oauth/refresh';
import { startTokenProxy, type TokenProxy } from '../../core/proxy/start-token-proxy';
import type { Context } from '../context';
import { tokenFor } from '../hand-out';
import { runChild } from '../run/run-child';
import type { RunFlags } from './run';
import { variables } from './secrets';

export interface ProxiedRun {
  /** NAME's entry, or the folder's default: the one token the proxy stands in for. */
  entry: Entry;
  /** The environment's notion-vault:// references: they get the placeholder too, so they must name `entry`. */
  references: readonly { key: string; entry: Entry }[];
  file: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
  flags: RunFlags;
}

/**
 * `run --proxy`: the command gets a placeholder where the token would be and a local proxy that
 * puts the token into its requests to Notion (core/proxy). Each of those requests is one access-log
 * line (action `proxy`); the token itself is not handed out, so there is no `run` line.
 */
export async function runProxied(ctx: Context, { entry, references, file, args, env, flags }: ProxiedRun): Promise<number> {
  const other = references.find((r) => r.entry.id !== entry.id);
  if (other) throw usageError(`--proxy stands in for one token, "${outsideName(entry.name)}": ${other.key} names "${outsideName(other.entry.name)}"; drop that reference or run without --proxy.`);
  // Read once (with --fresh checked, and refreshed, first, as without --proxy): the proxy starts
  // with it, and it is masked all the same, refresh token too: the command could find them elsewhere (the keychain) and print them.
  const { access, refresh } = await tokenFor(ctx, entry, flags);
  const program = basename(file);
  let pid: number | null = null;
  // Written once the answer is out (the log's file calls are synchronous): never in a request's way.
  const proxy = await startRunProxy(ctx, entry, access, (request) => {
    setImmediate(() => { void ctx.accessLog.record({ entryId: entry.id, name: entry.name, action: 'proxy', program, pid, request }, ctx.clock(), ctx.secretsSeen()); });
  });
  try {
    const vars = [...variables(flags.env, entry), ...references.map((r) => r.key)];
    return await runChild({
      file, args, env: proxy.childEnv(env, vars), secrets: refresh === null ? [access] : [access, refresh], masking: flags.masking !== false,
      started: (started) => { pid = started; return Promise.resolve(); },
    });
  } finally {
    await proxy.close();
  }
}

/**
 * The proxy for one entry: it starts with `initial` (just read) and reads the keychain again when
 * Notion rejects it; for an OAuth entry a rejected access token is refreshed as a check would (refresh.ts: under the entry's lock, so the app's
 * monitor, `check` and other runs never spend the refresh token twice); a refresh that fails is
 * said once per reason.
 */
async function startRunProxy(ctx: Context, entry: Entry, initial: string, onRequest: NonNullable<Parameters<typeof startTokenProxy>[0]['onRequest']>): Promise<TokenProxy> {
  const base = baseUrlFromEnv(ctx.env);
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) throw usageError('NOTION_API_BASE_URL must be an http(s) URL, e.g. https://api.notion.com: fix or unset it.');
  const said = new Set<string>();
  const refresh = entry.integrationId == null ? undefined : async (rejected: string): Promise<string | null> => {
    const result = await refreshEntry(ctx.vault, await ctx.client(), entry, rejected);
    if (result.ok) return ctx.remember(result.access);
    if (!said.has(result.code)) ctx.warn(`${outsideName(entry.name)}: ${result.message}`);
    said.add(result.code);
    return null;
  };
  return startTokenProxy({
    upstream: new URL(base),
    token: async () => ctx.remember(await ctx.vault.secret(entry)),
    initial,
    ...(refresh ? { refresh } : {}),
    onRequest,
  });
}
