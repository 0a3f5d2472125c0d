import { writeCaFiles, sweepLeftovers } from './ca-files';
import { makeRunCertificates } from './certificates';
import { proxyChildEnv } from './child-env';
import { createNotionForwarder, type ProxiedRequest } from './notion-forward';
import { newProxyCredential } from './proxy-auth';
import { listenProxy } from './proxy-server';
import { extraBefore, trustedBefore } from './system-bundle';
import { openTokenSource, type TokenSourceOptions } from './token-source';

type Env = Readonly<Record<string, string | undefined>>;

/** The host clients have built in: the only one the proxy intercepts. */
export const NOTION_API_HOST = 'api.notion.com';

export interface TokenProxyOptions extends TokenSourceOptions {
  /** Where intercepted requests go: NOTION_API_BASE_URL, default https://api.notion.com. */
  upstream: URL;
  /** Told of each proxied Notion request once its answer is done (the access log). */
  onRequest?: (request: ProxiedRequest) => void;
  /** The environment whose trust (CA bundles) the child keeps for other hosts. Default process.env. */
  env?: Env;
}

export interface TokenProxy {
  /** http://notion-vault:CREDENTIAL@127.0.0.1:PORT */
  url: string;
  caFile: string;
  bundleFile: string;
  /** `base` as the child should get it: proxy, trust and placeholder variables set (child-env.ts). */
  childEnv(base: Env, tokenVars: readonly string[]): Record<string, string>;
  /** Stops the proxy and removes the CA files; idempotent. */
  close(): Promise<void>;
}

/**
 * A local proxy that puts the real token into a child's requests to Notion, so the child only
 * ever holds a placeholder. The CA made for it lives in memory; its certificate (not its key) is
 * written for the child's trust variables and removed when the proxy closes, when this process
 * exits, or, after a SIGKILL, by the next proxy's sweep.
 */
export async function startTokenProxy({ upstream, onRequest, env = process.env, ...source }: TokenProxyOptions): Promise<TokenProxy> {
  sweepLeftovers();
  const [certificates, tokens] = await Promise.all([makeRunCertificates(NOTION_API_HOST), openTokenSource(source)]);
  const files = writeCaFiles(`${certificates.caPem}${extraBefore(env)}`, `${trustedBefore(env)}${certificates.caPem}`);
  const notion = createNotionForwarder({ upstream, tokens, ...(onRequest ? { onRequest } : {}) });
  const credential = newProxyCredential();
  let server: Awaited<ReturnType<typeof listenProxy>>;
  try {
    server = await listenProxy({ host: NOTION_API_HOST, leaf: { cert: certificates.leafCertPem, key: certificates.leafKeyPem }, credential, notion });
  } catch (error) {
    files.remove();
    throw error;
  }
  const url = `http://${credential.user}:${credential.password}@127.0.0.1:${String(server.port)}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    caFile: files.caFile,
    bundleFile: files.bundleFile,
    childEnv: (base, tokenVars) => proxyChildEnv(base, { proxyUrl: url, host: NOTION_API_HOST, caFile: files.caFile, bundleFile: files.bundleFile, tokenVars }),
    close() {
      if (closing === undefined) {
        files.remove();
        closing = server.close().finally(() => { notion.close(); });
      }
      return closing;
    },
  };
}
