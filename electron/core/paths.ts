import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const APP_DIR_NAME = 'notion-token-vault';
export const DEFAULT_SERVICE = 'notion-token-vault';

type Env = Readonly<Record<string, string | undefined>>;

/** Where vault.json lives; the Electron app and the CLI must agree on it. */
export function dataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NOTION_VAULT_HOME) return env.NOTION_VAULT_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

/** The keychain service name under which every secret is stored (account = entry id). */
export function keychainService(env: Env = process.env): string {
  return env.NOTION_VAULT_SERVICE || DEFAULT_SERVICE;
}

/** `$XDG_CONFIG_HOME`, or `~/.config`; a relative value is invalid and ignored (https://specifications.freedesktop.org/basedir-spec/latest/). */
export function xdgConfigHome(env: Env = process.env, home: string = homedir()): string {
  return env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
}
