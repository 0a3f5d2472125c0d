import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillPrivateFolder } from '../private-folder';

/** The per-run CA's certificate files, for the child's trust variables. No private key is ever here. */
export interface CaFiles {
  dir: string;
  /** The CA, and what NODE_EXTRA_CA_CERTS named before (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** Everything trusted before, plus the CA (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE). */
  bundleFile: string;
  /** Idempotent and synchronous, so it can run from an exit handler too. */
  remove(): void;
}

const PREFIX = 'notion-vault-proxy-';
// The owner's pid is in the folder's name, so a later run can tell a leftover from a live run's files.
const OWNED = new RegExp(`^${PREFIX}(\\d+)-`);

/** A private folder (0700) in the temp folder holding two certificate files (0600, created exclusively). */
export function writeCaFiles(ca: string, bundle: string, base: string = tmpdir()): CaFiles {
  const dir = mkdtempSync(join(base, `${PREFIX}${String(process.pid)}-`));
  // A notion-vault that ends any other way than SIGKILL still removes them (sweepLeftovers covers SIGKILL).
  const remove = fillPrivateFolder(dir, { 'ca.pem': ca, 'bundle.pem': bundle });
  return { dir, caFile: join(dir, 'ca.pem'), bundleFile: join(dir, 'bundle.pem'), remove };
}

/**
 * Remove the folders of runs that ended without cleaning up (a SIGKILL): ours (same owner), real
 * folders (never a link), and only when the pid in the name is no longer alive. A reused pid only
 * postpones the removal to a later run.
 */
export function sweepLeftovers(base: string = tmpdir()): string[] {
  const swept: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return swept;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const pid = Number(OWNED.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    const path = join(base, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      swept.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove: either way nothing to do.
    }
  }
  return swept;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
