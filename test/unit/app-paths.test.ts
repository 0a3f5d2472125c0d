import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME, appPaths } from '../../electron/core/app/app-paths';
import { dataDir } from '../../electron/core/paths';
import pkg from '../../package.json' with { type: 'json' };

const home = '/home/ada';

describe('appPaths: Chromium\'s files and the log, apart from the vault', () => {
  it('uses the installed app\'s name and id as package.json declares them', () => {
    expect(PRODUCT_NAME).toBe(pkg.build.productName);
    expect(APP_ID).toBe(pkg.build.appId);
  });

  it.each([
    ['linux', {}, join(home, '.config', PRODUCT_NAME), join(home, '.config', PRODUCT_NAME, 'logs')],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, join('/cfg', PRODUCT_NAME), join('/cfg', PRODUCT_NAME, 'logs')],
    ['darwin', {}, join(home, 'Library', 'Application Support', PRODUCT_NAME), join(home, 'Library', 'Logs', PRODUCT_NAME)],
    ['win32', { APPDATA: '/appdata' }, join('/appdata', PRODUCT_NAME), join('/appdata', PRODUCT_NAME, 'logs')],
  ] as const)('%s %j', (platform, env, userData, logs) => {
    const paths = appPaths(env, platform, home);
    expect(paths).toEqual({ userData, logs });
    // Never the vault folder, nor a folder that holds it.
    expect(paths.userData).not.toBe(dataDir(env, platform));
  });

  it.each(['linux', 'darwin', 'win32'] as const)('moves aside when NOTION_VAULT_HOME points into it (%s)', (platform) => {
    const taken = appPaths({ APPDATA: '/appdata' }, platform, home).userData;
    for (const vault of [taken, join(taken, 'vault'), platform === 'linux' ? taken : taken.toUpperCase()]) {
      const paths = appPaths({ APPDATA: '/appdata', NOTION_VAULT_HOME: vault }, platform, home);
      expect(paths.userData, vault).not.toBe(taken);
      expect(vault.toLowerCase().startsWith(paths.userData.toLowerCase()), vault).toBe(false);
    }
  });
});
