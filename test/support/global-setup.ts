import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRawControls } from './control-scan';

// Every test writes its vault homes and CLI outputs under one folder; after the whole suite,
// no token a test registered may appear in any of those files (vault.json, lock files,
// corrupt copies, recorded stdout/stderr).

export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'notion-vault-tests-'));
  process.env.NV_TEST_ARTIFACTS = root;
  return () => {
    const leaks = [...findLeaks(root), ...findRawControls(root)];
    if (process.env.NV_KEEP_ARTIFACTS) console.log(`test artifacts kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
    if (leaks.length > 0) throw new Error(`Secrets or raw control characters leaked into written files or output:\n${leaks.join('\n')}`);
  };
}

function findLeaks(root: string): string[] {
  const secretsFile = join(root, 'secrets.txt');
  let secrets: string[];
  try {
    secrets = readFileSync(secretsFile, 'utf8').split('\n').filter((s) => s.length >= 8);
  } catch {
    return [];
  }
  const leaks: string[] = [];
  for (const file of walk(root)) {
    if (file === secretsFile) continue;
    const text = readFileSync(file, 'latin1');
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${file} holds a token (${secret.slice(0, 4)}…)`);
  }
  return leaks;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
