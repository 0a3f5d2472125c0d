import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNELS, SECRET_CHANNELS, apiName, type Channel, type VaultApi } from '../../electron/common/ipc-contract';
import { isAllowedExternal } from '../../electron/core/app/external-urls';

describe('the IPC contract', () => {
  it('lists every channel of the contract exactly once', () => {
    expectTypeOf<(typeof CHANNELS)[number]>().toEqualTypeOf<Channel>();
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('names window.vault functions after their channels', () => {
    expect(apiName('vault:list')).toBe('vaultList');
    expect(apiName('app:open-external')).toBe('appOpenExternal');
    expectTypeOf<VaultApi['vaultReveal']>().returns.resolves.toBeString();
  });

  it('has one channel that may carry a secret: reveal', () => {
    expect(SECRET_CHANNELS).toEqual(['vault:reveal']);
  });
});

describe('what the app may open in the browser', () => {
  it.each(['https://www.notion.so/developers', 'https://www.notion.so/developers/tokens', 'https://www.notion.so/developers/connections', 'https://www.notion.so/profile/integrations', 'https://developers.notion.com/docs'])('opens %s', (url) => {
    expect(isAllowedExternal(url)).toBe(true);
  });

  it.each([
    'http://www.notion.so/developers', 'file:///etc/passwd', 'https://evil.example/', 'https://www.notion.so.evil.example/',
    'https://user:pass@www.notion.so/', 'javascript:alert(1)', 'not a url', 'smb://www.notion.so/share',
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false);
  });
});
