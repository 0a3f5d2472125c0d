import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// Finds the Electron runtime for `npm start`, and has the electron package download it when it is
// missing. Since Electron 42 the package has no postinstall: node_modules/electron/index.js
// downloads on the first require, printing a stack trace when that fails. Here its own install.js
// does the download (it honours ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache,
// ELECTRON_GET_USE_PROXY…), with its output captured so a failure reads as one line with the fix.

/** The installed `electron` package: its folder and version. */
export interface ElectronPackage {
  dir: string;
  version: string;
}

export type Runtime = { ok: true; executable: string } | { ok: false; message: string };

/** The executable inside an Electron distribution, as install.js writes it to path.txt. */
export function executableIn(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

/** ELECTRON_SKIP_BINARY_DOWNLOAD as npm users set it ("1", "true"); "0" and "false" do not count. */
export function skipsDownload(env: NodeJS.ProcessEnv): boolean {
  const value = (env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The downloaded runtime, checked the way install.js checks it (same version, same executable). */
function downloaded(pkg: ElectronPackage, platform: NodeJS.Platform): string | null {
  const relativePath = readText(join(pkg.dir, 'path.txt'));
  const version = readText(join(pkg.dir, 'dist', 'version'))?.trim().replace(/^v/, '');
  if (relativePath !== executableIn(platform) || version !== pkg.version) return null;
  const executable = join(pkg.dir, 'dist', relativePath);
  return existsSync(executable) ? executable : null;
}

/** The first line of install.js's output that says what failed (not a stack frame), one line, short. */
export function failureReason(output: string): string {
  const line = output
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') // eslint-disable-line no-control-regex -- progress bars colour their output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  if (line === undefined) return 'no error output';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const installCommand = '`node node_modules/electron/install.js`';

/**
 * The Electron executable to start: ELECTRON_OVERRIDE_DIST_PATH's (as node_modules/electron/index.js
 * does), the one already downloaded, or one downloaded now. `notify` is called before a download.
 */
export function ensureRuntime(pkg: ElectronPackage, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, notify: () => void): Runtime {
  const wanted = `Electron ${pkg.version}`;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const executable = join(override, readText(join(pkg.dir, 'path.txt')) ?? executableIn(platform));
    if (existsSync(executable)) return { ok: true, executable };
    return { ok: false, message: `npm start: ELECTRON_OVERRIDE_DIST_PATH is ${override}, which has no ${basename(executable)}: point it at a folder holding ${wanted}, or unset it to have npm start download Electron.` };
  }
  const present = downloaded(pkg, platform);
  if (present !== null) return { ok: true, executable: present };
  if (skipsDownload(env)) {
    return { ok: false, message: `npm start: ${wanted} is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set: unset it so npm start downloads Electron, or install it with ${installCommand}, or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding ${wanted}.` };
  }
  notify();
  const install = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const fresh = downloaded(pkg, platform);
  if (install.status === 0 && fresh !== null) return { ok: true, executable: fresh };
  const reason = install.error === undefined ? failureReason(`${install.stderr}\n${install.stdout}`) : install.error.message;
  return { ok: false, message: `npm start: ${wanted} is not installed and could not be downloaded (${reason}): set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_OVERRIDE_DIST_PATH to a folder holding ${wanted}, or install it with ${installCommand}; then run npm start again.` };
}
