// The `npm start` launcher's steps against stand-ins: a fake `electron` package whose install.js
// fails or "downloads" (writes a dist/ the way the real one does), and Node as the Electron executable.
// No network: the real install.js runs only in fresh-clone.test.ts, against a closed port.

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureRuntime, type ElectronPackage } from '../../electron/launch/electron-runtime';
import { launchApp } from '../../electron/launch/launch-app';

const VERSION = '45.4.1';
let work = '';

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'notion-vault-launcher-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** An executable that ensureRuntime only looks for, never runs. */
function stubExecutable(path: string): void {
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
}

/** A stand-in for node_modules/electron with the given install.js. */
function fakePackage(installJs: string): ElectronPackage {
  const dir = join(work, 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }));
  writeFileSync(join(dir, 'install.js'), installJs);
  return { dir, version: VERSION };
}

const failingInstall = `console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:1:1\\n    at async downloadArtifact (file:///get/index.js:1:1)');
process.exit(1);`;

/** Does what electron's install.js does on success, and records the mirror it was given. */
const workingInstall = `const fs = require('node:fs'), path = require('node:path');
fs.writeFileSync(path.join(__dirname, 'mirror-seen'), process.env.ELECTRON_MIRROR ?? '');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), '${VERSION}');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;

function expectOneLine(message: string, ...mentions: string[]): void {
  expect(message).toMatch(/^npm start: /);
  expect(message).not.toMatch(/[\r\n]/);
  for (const mention of mentions) expect(message).toContain(mention);
}

describe('ensureRuntime', () => {
  it("downloads with the electron package's install.js, passing the environment on, and returns the executable", () => {
    const pkg = fakePackage(workingInstall);
    const notify = vi.fn();
    const runtime = ensureRuntime(pkg, { ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, 'linux', notify);
    expect(runtime).toEqual({ ok: true, executable: join(pkg.dir, 'dist', 'electron') });
    expect(notify).toHaveBeenCalledOnce();
    expect(readFileSync(join(pkg.dir, 'mirror-seen'), 'utf8')).toBe('http://127.0.0.1:9/');
  });

  it('uses a runtime already downloaded without running install.js', () => {
    const pkg = fakePackage('process.exit(9);');
    mkdirSync(join(pkg.dir, 'dist'));
    stubExecutable(join(pkg.dir, 'dist', 'electron'));
    writeFileSync(join(pkg.dir, 'dist', 'version'), `v${VERSION}\n`);
    writeFileSync(join(pkg.dir, 'path.txt'), 'electron');
    const notify = vi.fn();
    expect(ensureRuntime(pkg, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 'linux', notify)).toEqual({ ok: true, executable: join(pkg.dir, 'dist', 'electron') });
    expect(notify).not.toHaveBeenCalled();
  });

  it('turns a failed download into one line with the fixes, without the stack', () => {
    const runtime = ensureRuntime(fakePackage(failingInstall), {}, 'linux', () => undefined);
    expect(runtime.ok).toBe(false);
    if (runtime.ok) return;
    expectOneLine(runtime.message, '(TypeError: fetch failed)', 'ELECTRON_MIRROR', 'ELECTRON_OVERRIDE_DIST_PATH', '`node node_modules/electron/install.js`');
    expect(runtime.message).not.toContain(' at ');
  });

  it('downloads nothing with ELECTRON_SKIP_BINARY_DOWNLOAD set, even over a runtime of another version, and says what to do', () => {
    const pkg = fakePackage('process.exit(9);');
    mkdirSync(join(pkg.dir, 'dist'));
    stubExecutable(join(pkg.dir, 'dist', 'electron'));
    writeFileSync(join(pkg.dir, 'dist', 'version'), '44.0.0');
    writeFileSync(join(pkg.dir, 'path.txt'), 'electron');
    const notify = vi.fn();
    const runtime = ensureRuntime(pkg, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 'linux', notify);
    expect(notify).not.toHaveBeenCalled();
    expect(runtime.ok).toBe(false);
    if (!runtime.ok) expectOneLine(runtime.message, 'ELECTRON_SKIP_BINARY_DOWNLOAD is set', '`node node_modules/electron/install.js`', 'ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('takes ELECTRON_OVERRIDE_DIST_PATH as node_modules/electron/index.js does, and says when it holds no executable', () => {
    const pkg = fakePackage('process.exit(9);');
    const dist = join(work, 'my-electron');
    mkdirSync(dist);
    expect(ensureRuntime(pkg, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux', () => undefined)).toEqual({
      ok: false,
      message: `npm start: ELECTRON_OVERRIDE_DIST_PATH is ${dist}, which has no electron: point it at a folder holding Electron ${VERSION}, or unset it to have npm start download Electron.`,
    });
    stubExecutable(join(dist, 'electron'));
    expect(ensureRuntime(pkg, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux', () => undefined)).toEqual({ ok: true, executable: join(dist, 'electron') });
  });
});

// Node stands in for the Electron executable: it runs everywhere the tests do.
describe('launchApp', () => {
  it('passes the arguments on and ends with the app’s exit code', async () => {
    const log = join(work, 'argv.json');
    const app = `require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(1))); process.exit(7);`;
    await expect(launchApp(process.execPath, ['-e', app, '/the/app', '--hidden'])).resolves.toBe(7);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual(['/the/app', '--hidden']);
  });

  it.skipIf(process.platform === 'win32')('reports a signal death as 128 + the signal', async () => {
    await expect(launchApp(process.execPath, ['-e', "process.kill(process.pid, 'SIGTERM')"])).resolves.toBe(143);
  });

  it('says in one line when the executable cannot run', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(launchApp(join(work, 'missing'), [])).resolves.toBe(1);
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^npm start: could not run .*missing \(spawn .* ENOENT\): /);
  });
});
