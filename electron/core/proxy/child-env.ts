import { withoutHost } from './no-proxy';

type Env = Readonly<Record<string, string | undefined>>;

/** What the child gets instead of the token: fixed, public, and not shaped like a token. */
export const PLACEHOLDER = 'notion-vault-proxy-placeholder';

export interface ChildEnvOptions {
  /** http://user:pass@127.0.0.1:PORT */
  proxyUrl: string;
  /** The host the proxy intercepts: NO_PROXY must not route it around. */
  host: string;
  caFile: string;
  bundleFile: string;
  /** The variables that would have held the token: they hold the placeholder. */
  tokenVars: readonly string[];
}

/**
 * The child's environment behind the proxy: the proxy in every variable clients read it from,
 * the per-run CA in every variable clients read trust from, and the placeholder in the token's
 * variables. NOTION_API_BASE_URL is where the proxy sends requests, not where the child should:
 * a child that honoured it would go around the proxy, so it is left out.
 */
export function proxyChildEnv(base: Env, options: ChildEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    const kept = key === 'NO_PROXY' || key === 'no_proxy' ? withoutHost(value, options.host) : value;
    if (kept !== undefined && key !== 'NOTION_API_BASE_URL') env[key] = kept;
  }
  for (const key of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) env[key] = options.proxyUrl;
  // Node honours HTTPS_PROXY in fetch and http(s) only with this (Node >= 22.21 and 24); others ignore it.
  env.NODE_USE_ENV_PROXY = '1';
  env.NODE_EXTRA_CA_CERTS = options.caFile;
  for (const key of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']) env[key] = options.bundleFile;
  for (const key of options.tokenVars) env[key] = PLACEHOLDER;
  return env;
}
