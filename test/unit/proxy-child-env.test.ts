import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, proxyChildEnv } from '../../electron/core/proxy/child-env';
import { withoutHost } from '../../electron/core/proxy/no-proxy';

const HOST = 'api.notion.com';

describe('NO_PROXY cleaned of what would send api.notion.com around the proxy', () => {
  it.each([
    ['*', undefined],
    ['api.notion.com', undefined],
    ['notion.com', undefined],
    ['.notion.com', undefined],
    ['*.notion.com', undefined],
    ['.com', undefined],
    ['com', undefined],
    ['API.Notion.COM:443', undefined],
    ['api.notion.com.', undefined],
    ['localhost,127.0.0.1,.notion.com,::1', 'localhost,127.0.0.1,::1'],
    [' localhost , notion.com  10.0.0.0/8', 'localhost,10.0.0.0/8'],
    ['notion.so,www.notion.com,xnotion.com', 'notion.so,www.notion.com,xnotion.com'],
    ['', undefined],
  ])('%j → %j', (list, kept) => {
    expect(withoutHost(list, HOST)).toBe(kept);
  });

  it('leaves an unset list unset', () => {
    expect(withoutHost(undefined, HOST)).toBeUndefined();
  });
});

describe('the child\'s environment behind the proxy', () => {
  const options = { proxyUrl: 'http://notion-vault:pw@127.0.0.1:4100', host: HOST, caFile: '/t/ca.pem', bundleFile: '/t/bundle.pem', tokenVars: ['NOTION_TOKEN', 'MY_VAR'] };

  it('points every proxy and trust variable at the run, and holds the placeholder where the token would be', () => {
    const env = proxyChildEnv({ PATH: '/bin', NOTION_TOKEN: 'ntn_real', HTTPS_PROXY: 'http://corp:3128', NO_PROXY: 'localhost,.notion.com', no_proxy: '*', SSL_CERT_FILE: '/etc/mine.pem', UNSET: undefined }, options);
    expect(env).toEqual({
      PATH: '/bin',
      NOTION_TOKEN: PLACEHOLDER,
      MY_VAR: PLACEHOLDER,
      NO_PROXY: 'localhost',
      HTTPS_PROXY: options.proxyUrl,
      https_proxy: options.proxyUrl,
      HTTP_PROXY: options.proxyUrl,
      http_proxy: options.proxyUrl,
      NODE_USE_ENV_PROXY: '1',
      NODE_EXTRA_CA_CERTS: '/t/ca.pem',
      SSL_CERT_FILE: '/t/bundle.pem',
      REQUESTS_CA_BUNDLE: '/t/bundle.pem',
      CURL_CA_BUNDLE: '/t/bundle.pem',
    });
  });

  it('leaves NOTION_API_BASE_URL out: a child honouring it would go around the proxy', () => {
    expect(proxyChildEnv({ NOTION_API_BASE_URL: 'http://127.0.0.1:9' }, options)).not.toHaveProperty('NOTION_API_BASE_URL');
  });
});
