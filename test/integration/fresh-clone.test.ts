// The two commands a person runs on a fresh clone, run the way they run them, after `npm run build`
// (npm test builds before vitest starts):
// - `notion-vault` on PATH, as `npm link` or a global install puts it (a symlink to the bin file),
//   and `npx notion-vault` in the repo; both need the built bin to be executable after every build;
// - `npm start` where Electron's runtime cannot be downloaded: one line with the fix, no stack.
// Nothing reaches out: every Electron download mirror is a closed loopback port, npm is offline.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../support/collect';

const ROOT = resolve('.');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const BIN = join(ROOT, pkg.bin['notion-vault'] ?? '');
const ELECTRON = join(ROOT, 'node_modules', 'electron');
const NOWHERE = 'http://127.0.0.1:9/';
const WINDOWS = process.platform === 'win32';

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'notion-vault-fresh-clone-'));
});
afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** The test's environment with this Node first on PATH (bins say `#!/usr/bin/env node`), npm offline. */
function userEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [...extraPath, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): ReturnType<typeof collect> {
  // npm and npx are .cmd files on Windows: only a shell runs them.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], shell: WINDOWS });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return collect(child).finally(() => { clearTimeout(timer); });
}

describe('the notion-vault bin after a build', () => {
  // First, before npx runs: npx may fix the mode of a bin it links. Windows has no mode bits,
  // and npm puts .cmd shims there instead of symlinks.
  it.skipIf(WINDOWS)('is executable, with a node shebang', () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    expect(readFileSync(BIN, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
  });

  it.skipIf(WINDOWS)('runs from PATH through a symlink, as npm link and a global install leave it', async () => {
    // npm link and npm install -g make PREFIX/bin/notion-vault a symlink to the package's bin file.
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, 'notion-vault'));
    const result = await run('notion-vault', ['--version'], userEnv([bin]));
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('runs as npx notion-vault in the repo', async () => {
    // npx links the repo into its cache the first time, and npm runs a linked folder's `prepare`
    // (npm run build): that would rebuild out/ under the tests running in parallel. A cache of
    // the test's own, and no scripts.
    const env = { ...userEnv(), npm_config_cache: join(work, 'npm-cache'), npm_config_ignore_scripts: 'true' };
    const result = await run('npx', ['notion-vault', '--help'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: notion-vault /);
  });
});

const installed = existsSync(join(ELECTRON, 'path.txt')) || existsSync(join(ELECTRON, 'dist'));
if (installed) console.log('SKIPPED: npm start without an Electron runtime: node_modules/electron already holds one (npm start would open the app)');

describe('npm start without a reachable Electron runtime', () => {
  it.skipIf(installed)('prints one line with the fix and no stack trace, exits non-zero, and downloads nothing', async () => {
    const cache = join(work, 'electron-cache');
    const userconfig = join(work, 'npmrc');
    writeFileSync(userconfig, '');
    const env = userEnv();
    // Whatever this shell says about Electron downloads, this child may try one, to nowhere.
    for (const key of Object.keys(env)) {
      if (/^(?:ELECTRON_|npm_config_electron_|npm_package_config_electron_|electron_)/i.test(key) || key === 'NODE_USE_ENV_PROXY') Reflect.deleteProperty(env, key);
    }
    Object.assign(env, {
      ELECTRON_MIRROR: NOWHERE,
      ELECTRON_NIGHTLY_MIRROR: NOWHERE,
      ELECTRON_CUSTOM_DIR: '{{ version }}',
      // npm passes .npmrc settings to scripts as npm_config_*: an electron_mirror there would win.
      npm_config_userconfig: userconfig,
      electron_config_cache: cache,
    });
    const result = await run('npm', ['start', '--', '--hidden'], env, 60_000);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).not.toBe(0);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('Electron uninstall');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm start: Electron [\d.]+ is not installed and could not be downloaded \(.+\): set ELECTRON_MIRROR .* ELECTRON_OVERRIDE_DIST_PATH .* `node node_modules\/electron\/install\.js`; then run npm start again\.$/);
    expect(existsSync(join(ELECTRON, 'path.txt'))).toBe(false);
    expect(existsSync(join(ELECTRON, 'dist'))).toBe(false);
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  }, 70_000);
});
