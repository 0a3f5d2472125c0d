import type { Entry } from '../../common/types';
import { usageError } from '../../core/errors';
import { baseUrlFromEnv } from '../../core/check/notion-client';
import { refreshEntry } from '../../core/oauth/refresh';
import type { ProxiedRequest } from '../../core/proxy/notion-forward';
import { startTokenProxy } from '../../core/proxy/start-token-proxy';
import type { Context } from '../context';

export interface RunProxy {
  /** The child's environment: placeholder token, proxy and CA variables. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * `run --proxy`: the entry's token stays in this process. An OAuth entry's rejected access token is
 * refreshed as a check would (refresh.ts: the entry's lock, so the app's monitor and other runs
 * never spend the refresh token twice); a refresh that fails is said once per reason.
 */
export async function startRunProxy(ctx: Context, entry: Entry, vars: readonly string[], onRequest?: (request: ProxiedRequest) => void): Promise<RunProxy> {
  const base = baseUrlFromEnv(ctx.env);
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) throw usageError('NOTION_API_BASE_URL must be an http(s) URL, e.g. https://api.notion.com: fix or unset it.');
  const said = new Set<string>();
  const refresh = entry.integrationId == null ? undefined : async (rejected: string): Promise<string | null> => {
    const result = await refreshEntry(ctx.vault, await ctx.client(), entry, rejected);
    if (result.ok) return result.access;
    if (!said.has(result.code)) ctx.warn(`${entry.name}: ${result.message}`);
    said.add(result.code);
    return null;
  };
  const proxy = await startTokenProxy({
    upstream: new URL(base),
    token: () => ctx.vault.secret(entry),
    ...(refresh ? { refresh } : {}),
    ...(onRequest ? { onRequest } : {}),
    env: process.env,
  });
  return { env: proxy.childEnv(process.env, vars), close: () => proxy.close() };
}
