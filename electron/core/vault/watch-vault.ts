import { watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/**
 * Calls `changed` (debounced) when vault.json is replaced, by this process or another (the CLI
 * and the app share it). Watches the folder: atomic writes replace the file, which a watch on
 * the file itself would lose. Returns a function that stops watching.
 */
export async function watchVaultFile(path: string, changed: () => void, debounceMs = 200): Promise<() => void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 }); // a vault with no token yet has no folder
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dirname(path), (_event, file) => {
    if (file !== basename(path)) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
