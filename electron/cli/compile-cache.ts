// Imports only Node built-ins: electron/cli/index.ts runs this before the rest of the CLI loads.
import module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Node's compile cache for the CLI's own modules: most of a `get` is spent loading code, and the
 * cache takes about a third off (npm run bench). It lives in the person's own cache folder, not in
 * Node's default under the shared temp folder, where another local user could have made the
 * folder first and filled it. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for any Node program.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): void {
  // Node 22.1+ only; an older Node is refused right after this anyway.
  if (typeof module.enableCompileCache !== 'function') return;
  try {
    module.enableCompileCache(join(cacheRoot(env, platform), 'notion-token-vault', 'compile-cache'));
  } catch {
    // A cache that cannot be made only costs speed.
  }
}

function cacheRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.LOCALAPPDATA ?? tmpdir();
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
}
