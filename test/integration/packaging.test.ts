// Packaging config, checked for real: electron-builder packs the built app (`out/`) for Linux
// as an unpacked directory (`--linux dir`), with a placeholder in place of the Electron binary
// (test/support/placeholder-electron-dist.ts), since Electron cannot be downloaded here. Then the
// result is inspected: what app.asar holds and must not hold, keytar's native module unpacked,
// the tray icons in resources/tray, and the fuses flipped in the executable.
// Offline by construction: electronDist means no Electron download, npmRebuild=false means no
// Electron headers, and every download mirror points at a closed loopback port, so a download
// attempt fails at once instead of reaching out.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR_NAME } from '../../electron/core/paths';
import { collect } from '../support/collect';
import { createPlaceholderElectronDist, readFuses } from '../support/placeholder-electron-dist';

const ROOT = resolve('.');
const BUILT = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const NOWHERE = 'http://127.0.0.1:9/';
/** A Notion token as the vault sees one: a known prefix and a long tail (see electron/common/token-text.ts). */
const TOKEN_LIKE = /\b(?:development_)?(?:ntn|secret|nrt)_[A-Za-z0-9]{30,}/;

interface PackageJson {
  name: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  build: { productName: string; nsis: { deleteAppDataOnUninstall?: boolean }; deb: { recommends: string[] }; linux: { executableName: string } };
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let work = '';
let appDir = '';
let asar = '';
/** Paths inside app.asar, '/'-separated and without the leading '/'. */
let entries: string[] = [];

beforeAll(async () => {
  for (const file of BUILT) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npx electron-vite build\` (npm run build) first.`);
  }
  work = mkdtempSync(join(tmpdir(), 'notion-vault-packaging-'));
  const electronDist = createPlaceholderElectronDist(work, electronVersion);
  const output = join(work, 'dist');
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  const args = [
    cli, '--linux', 'dir', '--x64', '--publish', 'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
    '-c.npmRebuild=false',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ELECTRON_MIRROR: NOWHERE,
      ELECTRON_BUILDER_BINARIES_MIRROR: NOWHERE,
      ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
      ELECTRON_BUILDER_CACHE: join(work, 'cache'),
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  const result = await collect(child).finally(() => { clearTimeout(timer); });
  if (result.code !== 0) {
    throw new Error(`electron-builder exited ${String(result.code ?? result.signal)}:\n${result.stdout}\n${result.stderr}`);
  }
  appDir = join(output, 'linux-unpacked');
  asar = join(appDir, 'resources', 'app.asar');
  entries = listPackage(asar, { isPack: false }).map((p) => p.split(sep).join('/').replace(/^\//, ''));
}, 60_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function isFile(entry: string): boolean {
  const node = statFile(asar, entry);
  return 'size' in node;
}

describe('electron-builder --linux dir (placeholder Electron)', () => {
  it('packs the built app and package.json into app.asar', () => {
    for (const file of [...BUILT, 'package.json']) expect(entries).toContain(file);
    // Everything the build produced ships (chunks, renderer assets), source maps excepted.
    const built = filesUnder(join(ROOT, 'out'))
      .map((path) => relative(ROOT, path).split(sep).join('/'))
      .filter((path) => !path.endsWith('.map'));
    expect(built.filter((path) => !entries.includes(path))).toEqual([]);
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as PackageJson;
    expect(packed.name).toBe(pkg.name);
    expect(packed.main).toBe('out/main/index.js');
  });

  it('ships the production dependencies and none of the development ones', () => {
    const modules = new Set(entries.filter((e) => e.startsWith('node_modules/')).map((e) => {
      const parts = e.split('/');
      return (parts[1] ?? '').startsWith('@') ? `${parts[1] ?? ''}/${parts[2] ?? ''}` : parts[1] ?? '';
    }));
    for (const dependency of Object.keys(pkg.dependencies)) expect(modules, dependency).toContain(dependency);
    for (const dependency of Object.keys(pkg.devDependencies)) expect(modules, dependency).not.toContain(dependency);
  });

  it("unpacks keytar's native module next to the archive", () => {
    const inArchive = 'node_modules/keytar/build/Release/keytar.node';
    expect(entries).toContain(inArchive);
    expect(statFile(asar, inArchive)).toMatchObject({ unpacked: true });
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', ...inArchive.split('/'));
    expect(existsSync(unpacked)).toBe(true);
    expect(statSync(unpacked).size).toBeGreaterThan(0);
  });

  it('unpacks native binaries only: keytar.node and node-notifier\'s vendor tools, no JavaScript', () => {
    const unpackedRoot = join(appDir, 'resources', 'app.asar.unpacked');
    const unpacked = existsSync(unpackedRoot)
      ? filesUnder(unpackedRoot).map((path) => relative(unpackedRoot, path).split(sep).join('/'))
      : [];
    // smartUnpack would move a whole dependency out of the archive for one binary in it.
    expect(unpacked.filter((path) => /\.[cm]?js$/.test(path))).toEqual([]);
    expect(unpacked).toContain('node_modules/keytar/build/Release/keytar.node');
    // node-notifier runs these tools as files, so they must sit outside the archive. (A Linux build
    // has macOS's terminal-notifier; electron-builder leaves Windows' .exe tools out of it.)
    const vendor = entries.filter((e) => e.startsWith('node_modules/node-notifier/vendor/') && isFile(e));
    expect(vendor).toContain('node_modules/node-notifier/vendor/mac.noindex/terminal-notifier.app/Contents/MacOS/terminal-notifier');
    for (const file of vendor) {
      expect(statFile(asar, file), file).toMatchObject({ unpacked: true });
      expect(unpacked, file).toContain(file);
    }
    expect(unpacked.every((path) => path.endsWith('.node') || path.startsWith('node_modules/node-notifier/vendor/')), unpacked.join('\n')).toBe(true);
  });

  it('copies the tray icons to resources/tray and the app icon (notifications, the window) to resources, where the packaged main process loads them', () => {
    expect(existsSync(join(appDir, 'resources', 'icon.png'))).toBe(true);
    const tray = join(appDir, 'resources', 'tray');
    for (const state of ['ok', 'attention', 'error']) {
      for (const name of [`tray-${state}.png`, `tray-${state}@2x.png`, `tray-${state}Template.png`, `tray-${state}Template@2x.png`]) {
        expect(existsSync(join(tray, name)), name).toBe(true);
      }
    }
  });

  it('holds no tests, sources, source maps, .env files or tokens', () => {
    const misplaced = entries.filter((e) =>
      /^(?:test|electron|renderer|build|dist|\.bench)\//.test(e)
      || /(?:^|\/)\.env(?:\.|$)/.test(e)
      || /(?:^|\/)vault\.json$/.test(e)
      || (!e.startsWith('node_modules/') && e.endsWith('.map')));
    expect(misplaced).toEqual([]);

    const root = process.env.NV_TEST_ARTIFACTS;
    const secretsFile = root === undefined ? null : join(root, 'secrets.txt');
    const testSecrets = secretsFile !== null && existsSync(secretsFile)
      ? readFileSync(secretsFile, 'utf8').split('\n').filter((s) => s.length >= 8)
      : [];
    const leaks: string[] = [];
    for (const entry of entries.filter(isFile)) {
      const text = extractFile(asar, entry).toString('latin1');
      const token = TOKEN_LIKE.exec(text);
      if (token) leaks.push(`${entry}: ${token[0].slice(0, 8)}…`);
      if (testSecrets.some((secret) => text.includes(secret))) leaks.push(`${entry}: a test token`);
    }
    expect(leaks).toEqual([]);
  });

  it('holds nothing of the browser harness (npm run dev:web, test/harness): no file, and no built file that knows its routes', () => {
    expect(entries.filter((e) => !e.startsWith('node_modules/') && /harness/i.test(e))).toEqual([]);
    const markers = ['/harness/bridge.js', '/harness/tray', '/harness/clipboard', 'nv_harness_'];
    const found = entries.filter((e) => e.startsWith('out/') && isFile(e)).flatMap((e) => {
      const text = extractFile(asar, e).toString('latin1');
      return markers.filter((m) => text.includes(m)).map((m) => `${e}: ${m}`);
    });
    expect(found).toEqual([]);
  });

  it('keeps user data on uninstall and recommends only packages current Debian and Ubuntu have', () => {
    const { build } = pkg;
    // The vault's index and settings live in the app data folder: an uninstall must not take them.
    expect(build.nsis.deleteAppDataOnUninstall).toBe(false);
    // Even `Uninstall.exe --delete-app-data` removes only %APPDATA%\<package name> and \<product name>
    // (app-builder-lib's templates/nsis/uninstaller.nsh): neither may be the vault's folder, which the CLI shares.
    for (const removable of [pkg.name, build.productName]) expect(removable.toLowerCase()).not.toBe(APP_DIR_NAME);
    // libappindicator3-1 is gone from Debian 12 and Ubuntu 24.04; Electron's tray talks D-Bus itself.
    expect(build.deb.recommends).toEqual(['libnotify-bin']);
  });

  it('flips the release fuses in the packaged executable', () => {
    const fuses = readFuses(join(appDir, pkg.build.linux.executableName));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
