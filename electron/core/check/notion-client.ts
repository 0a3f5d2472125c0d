import { Client } from '@notionhq/client';

export const NOTION_VERSION = '2026-03-11';
export const DEFAULT_BASE_URL = 'https://api.notion.com';

export interface NotionClientOptions {
  baseUrl?: string;
  /** Per request. The SDK's own timeout only stops waiting; this one aborts the socket. */
  timeoutMs?: number;
}

/** One client for every token: each call passes its own `auth`. */
export function createNotionClient({ baseUrl = DEFAULT_BASE_URL, timeoutMs = 15_000 }: NotionClientOptions = {}): Client {
  const abortingFetch = (url: string, init?: RequestInit): Promise<Response> => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return new Client({
    baseUrl,
    notionVersion: NOTION_VERSION,
    fetch: abortingFetch,
    // Our abort fires first; the SDK's timer is only a backstop.
    timeoutMs: timeoutMs + 1_000,
    // We retry ourselves: the SDK caps Retry-After at its max delay, i.e. retries too early.
    retry: false,
    // The SDK logs failures to the console; we report them ourselves, redacted.
    logger: () => undefined,
  });
}

export const baseUrlFromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env.NOTION_API_BASE_URL || DEFAULT_BASE_URL;
