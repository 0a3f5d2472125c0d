import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A stand-in for an unpacked Electron distribution, for `electron-builder -c.electronDist=DIR`
// on machines that cannot download Electron. electron-builder copies the directory, renames the
// `electron` executable, moves LICENSE aside, packs the app next to it and flips the fuses in the
// executable; it never runs it. So the placeholder is a shell script that refuses to run, with
// Electron's fuse wire embedded the way the real binary has it, which lets a test check that the
// `electronFuses` config really reached the packaged executable.

/** The marker @electron/fuses looks for; the fuse wire follows it: version byte, length byte, one byte per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse wire V1, in wire order (@electron/fuses FuseV1Options), named as electron-builder's `electronFuses` names them. */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

export type FuseName = (typeof FUSE_NAMES)[number];
export type FuseWire = Record<FuseName, boolean>;

/** What an Electron binary ships with before any fuse is flipped. */
export const ELECTRON_DEFAULT_FUSES: Readonly<FuseWire> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

const FUSE_WIRE_VERSION = 1;
const ENABLED = 0x31; // '1'
const DISABLED = 0x30; // '0'

/**
 * Writes a placeholder Linux Electron distribution into `parent/electron-dist` and returns that
 * directory: `electron` (the executable electron-builder renames), `LICENSE` and `version`.
 */
export function createPlaceholderElectronDist(parent: string, electronVersion: string): string {
  const dir = join(parent, 'electron-dist');
  mkdirSync(dir, { recursive: true });
  const script = '#!/bin/sh\necho "placeholder Electron from test/support/placeholder-electron-dist.ts: it cannot run" >&2\nexit 1\n';
  const wire = Buffer.from([
    FUSE_WIRE_VERSION,
    FUSE_NAMES.length,
    ...FUSE_NAMES.map((name) => (ELECTRON_DEFAULT_FUSES[name] ? ENABLED : DISABLED)),
  ]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([Buffer.from(script), Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]));
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Placeholder for the Electron license file.\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  return dir;
}

/** Reads the fuse wire of an Electron executable (the real one or the placeholder). */
export function readFuses(executable: string): FuseWire {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error(`${executable} has no Electron fuse wire`);
  const version = bytes[at + FUSE_SENTINEL.length];
  const length = bytes[at + FUSE_SENTINEL.length + 1] ?? 0;
  if (version !== FUSE_WIRE_VERSION) throw new Error(`${executable}: fuse wire version ${String(version)}, expected ${String(FUSE_WIRE_VERSION)}`);
  const fuses = { ...ELECTRON_DEFAULT_FUSES };
  FUSE_NAMES.forEach((name, index) => {
    if (index >= length) return;
    const state = bytes[at + FUSE_SENTINEL.length + 2 + index];
    if (state !== ENABLED && state !== DISABLED) throw new Error(`${executable}: fuse ${name} has state ${String(state)}`);
    fuses[name] = state === ENABLED;
  });
  return fuses;
}
