import { describe, expect, it } from 'vitest';
import { isAllowedAuthorize, isAllowedExternal } from '../../electron/core/app/external-urls';

// What main may hand to shell.openExternal: Notion's pages for app:open-external, and the OAuth
// authorize URL the core built from NOTION_API_BASE_URL (https: only once packaged).

describe('isAllowedAuthorize', () => {
  const notion = 'https://api.notion.com/v1/oauth/authorize?client_id=abc&state=xyz';
  const emulator = 'http://127.0.0.1:41234/v1/oauth/authorize?client_id=abc';

  it('packaged: https: only, whatever host NOTION_API_BASE_URL names', () => {
    expect(isAllowedAuthorize(notion, true)).toBe(true);
    expect(isAllowedAuthorize('https://notion.example.test/v1/oauth/authorize', true)).toBe(true);
    for (const url of [emulator, 'http://localhost:3000/v1/oauth/authorize', 'http://[::1]:3000/', 'http://api.notion.com/v1/oauth/authorize']) {
      expect(isAllowedAuthorize(url, true), url).toBe(false);
    }
  });

  it('unpackaged: https:, or http: on loopback (the emulator)', () => {
    expect(isAllowedAuthorize(notion, false)).toBe(true);
    expect(isAllowedAuthorize(emulator, false)).toBe(true);
    expect(isAllowedAuthorize('http://localhost:3000/v1/oauth/authorize', false)).toBe(true);
    expect(isAllowedAuthorize('http://[::1]:3000/v1/oauth/authorize', false)).toBe(true);
    for (const url of ['http://api.notion.com/v1/oauth/authorize', 'http://127.0.0.1.evil.example/', 'http://192.168.1.2/']) {
      expect(isAllowedAuthorize(url, false), url).toBe(false);
    }
  });

  it('never another scheme, credentials, or something that is not a URL', () => {
    for (const packaged of [true, false]) {
      for (const url of [
        'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'ftp://127.0.0.1/', 'smb://127.0.0.1/share',
        'ms-settings:', 'https://user:pass@api.notion.com/', 'http://user@127.0.0.1:3/', 'not a url', '', '/v1/oauth/authorize',
      ]) {
        expect(isAllowedAuthorize(url, packaged), `${url} (packaged: ${String(packaged)})`).toBe(false);
      }
    }
  });
});

describe('isAllowedExternal', () => {
  it('Notion pages over https: only', () => {
    expect(isAllowedExternal('https://www.notion.so/my-integrations')).toBe(true);
    expect(isAllowedExternal('http://www.notion.so/my-integrations')).toBe(false);
    expect(isAllowedExternal('https://evil.example/')).toBe(false);
  });
});
