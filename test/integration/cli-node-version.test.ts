// The built CLI on a Node.js older than package.json engines.node: one line with the fix, exit 2,
// before any module that could fail on that Node is loaded. The suite itself runs on a supported
// Node (.ci/run installs one); the old Node is OLD_NODE, or the machine's /usr/bin/node if it is
// older. Without one, the test is skipped with a line saying why.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOlderThan } from '../../electron/cli/node-support';
import { CLI } from '../support/cli';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const MIN = pkg.engines.node.replace(/^>=\s*/, '');

function nodeVersion(executable: string): string | null {
  const result = spawnSync(executable, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function findOldNode(): { executable: string; version: string } | null {
  for (const executable of [process.env.OLD_NODE, '/usr/bin/node']) {
    if (executable === undefined || executable === '' || !existsSync(executable)) continue;
    const version = nodeVersion(executable);
    if (version !== null && isOlderThan(version, MIN)) return { executable, version };
  }
  return null;
}

const old = findOldNode();
if (old === null) console.log(`SKIPPED: the CLI on an old Node.js: neither OLD_NODE nor /usr/bin/node is older than ${MIN} (set OLD_NODE to one)`);

describe('notion-vault on a Node.js older than engines.node', () => {
  it.skipIf(old === null)('prints one line with the fix and exits 2, for every command', () => {
    if (old === null) return;
    for (const args of [['--version'], ['list'], ['get', 'acme']]) {
      const result = spawnSync(old.executable, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NOTION_VAULT_HOME: '/nonexistent/notion-vault-test' } });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`notion-vault: Node.js ${old.version} is too old, it needs ${MIN} or newer: install the current Node.js LTS (https://nodejs.org) and run it again.\n`);
    }
  });

  it('runs on this Node.js, which the suite needs to be a supported one', () => {
    expect(isOlderThan(process.versions.node, MIN), `the tests run on Node.js ${process.versions.node}: run them on ${MIN} or newer (see .ci/run)`).toBe(false);
    const result = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
