import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes files (0600, created exclusively) into a fresh private folder (one mkdtemp made: 0700,
 * a random name) and returns how to remove the folder: idempotent and synchronous, and run by
 * itself when the process exits without its owner's cleanup (an uncaught error, process.exit,
 * a signal notion-vault handles). If a file cannot be written, the folder goes at once.
 */
export function fillPrivateFolder(dir: string, files: Readonly<Record<string, string>>): () => void {
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    remove();
    throw error;
  }
  return remove;
}
