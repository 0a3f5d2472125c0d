// Launch at login: the XDG autostart entry's text (Exec quoting for awkward paths), writing and
// removing it under a temporary XDG_CONFIG_HOME, refusing a planted symlink, and the pure
// decisions main makes (which mechanism, which executable, whether this start is hidden).

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartEntry,
  linuxAutostartPath,
  linuxLaunchTarget,
  planLoginItem,
  setLinuxAutostart,
  startedHidden,
} from '../../electron/core/app/autostart';

const temp = (): string => mkdtempSync(join(tmpdir(), 'nv-autostart-'));
const execOf = (text: string): string => text.split('\n').find((line) => line.startsWith('Exec='))?.slice(5) ?? '';

describe('linuxAutostartPath', () => {
  it('uses XDG_CONFIG_HOME, else ~/.config, and ignores a relative XDG_CONFIG_HOME', () => {
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: '/x/conf' }, '/home/ann')).toBe('/x/conf/autostart/notion-token-vault.desktop');
    expect(linuxAutostartPath({}, '/home/ann')).toBe('/home/ann/.config/autostart/notion-token-vault.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: '' }, '/home/ann')).toBe('/home/ann/.config/autostart/notion-token-vault.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: 'conf' }, '/home/ann')).toBe('/home/ann/.config/autostart/notion-token-vault.desktop');
  });
});

describe('autostartEntry', () => {
  it('writes a plain path and args bare', () => {
    expect(autostartEntry({ executable: '/opt/Notion/notion-token-vault', args: ['--hidden'] })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Notion Token Vault',
        'Comment=Starts in the tray and checks your Notion tokens',
        'Exec=/opt/Notion/notion-token-vault --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes reserved characters, escapes " ` $ \\ inside quotes, doubles %, then applies the string escapes', () => {
    const cases: [string, string][] = [
      ['/home/ann/My Apps/Vault.AppImage', '"/home/ann/My Apps/Vault.AppImage"'],
      ['/home/ann/$HOME/v', '"/home/ann/\\\\$HOME/v"'],
      ['/home/ann/say "hi"/v', '"/home/ann/say \\\\"hi\\\\"/v"'],
      ['/home/ann/`id`/v', '"/home/ann/\\\\`id\\\\`/v"'],
      ['/home/ann/back\\slash/v', '"/home/ann/back\\\\\\\\slash/v"'],
      ["/home/ann/it's/v", `"/home/ann/it's/v"`],
      ['/home/ann/100%/v', '/home/ann/100%%/v'],
      ['/home/ann/50% off/v', '"/home/ann/50%% off/v"'],
      ['/home/ann/a=b/v', '"/home/ann/a=b/v"'],
    ];
    for (const [executable, exec] of cases) {
      expect(execOf(autostartEntry({ executable, args: [] })), executable).toBe(exec);
    }
    expect(execOf(autostartEntry({ executable: '/v', args: ['--hidden', '', 'a b', '%u', '--x=y', 'tab\there', 'new\nline'] }))).toBe(
      '/v --hidden "" "a b" %%u --x=y "tab\\there" "new\\nline"',
    );
  });

  // GLib's own parser (what GNOME, and gio, start autostart entries with) must give back the exact argv.
  const gio = spawnSync('gio', ['version']).status === 0;
  it.skipIf(!gio)('round-trips through GLib: gio launch passes the exact arguments', async () => {
    const root = temp();
    // No % in the executable's folder: GLib looks the program up before undoing %% and fails (gio 2.74).
    const dir = join(root, `My "Apps" $HOME 'q' \\b \`t\` ~ & a=b`);
    mkdirSync(dir, { recursive: true });
    const out = join(root, 'argv.fifo');
    execFileSync('mkfifo', [out]);
    const executable = join(dir, 'vault app');
    writeFileSync(executable, `#!/bin/sh\nfor a in "$@"; do printf '[%s]\\n' "$a"; done > "$NV_OUT"\n`);
    chmodSync(executable, 0o755);
    const args = ['--hidden', 'a b', '$HOME', '100%', '%u', 'back\\slash', 'q"uote', '`x`', "it's", '', 'tab\there', '~', '--x=y'];
    const entry = join(root, 'entry.desktop');
    writeFileSync(entry, autostartEntry({ executable, args }));

    const received = readFile(out, 'utf8'); // a FIFO: resolves once the launched script has written and closed it
    execFileSync('gio', ['launch', entry], { env: { ...process.env, NV_OUT: out } });
    expect(await received).toBe(args.map((a) => `[${a}]\n`).join(''));
  });
});

describe('setLinuxAutostart', () => {
  const target = { executable: '/opt/Vault/notion-token-vault', args: ['--hidden'] };

  it('creates the autostart folder and the entry (0600), rewrites it idempotently, and removes it when disabled', async () => {
    const config = join(temp(), 'config'); // not there yet: created on the way
    const env = { XDG_CONFIG_HOME: config };
    const path = join(config, 'autostart', 'notion-token-vault.desktop');

    await setLinuxAutostart(true, target, env);
    expect(readFileSync(path, 'utf8')).toBe(autostartEntry(target));
    expect(lstatSync(path).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(config, 'autostart')).mode & 0o777).toBe(0o700);

    await setLinuxAutostart(true, target, env);
    const moved = { ...target, executable: '/home/ann/Vault.AppImage' };
    await setLinuxAutostart(true, moved, env);
    expect(readFileSync(path, 'utf8')).toBe(autostartEntry(moved));

    await setLinuxAutostart(false, target, env);
    expect(existsSync(path)).toBe(false);
    await expect(setLinuxAutostart(false, target, env)).resolves.toBeUndefined();
  });

  it('refuses a symlink planted at the path, enabling or disabling, and leaves its target untouched', async () => {
    const root = temp();
    const env = { XDG_CONFIG_HOME: join(root, 'config') };
    const path = linuxAutostartPath(env);
    mkdirSync(join(root, 'config', 'autostart'), { recursive: true });
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    symlinkSync(victim, path);

    for (const enabled of [true, false]) {
      await expect(setLinuxAutostart(enabled, target, env)).rejects.toThrow(`${path} is a symbolic link`);
      expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
      expect(lstatSync(path).isSymbolicLink()).toBe(true);
    }
  });
});

describe('linuxLaunchTarget', () => {
  it('prefers the .AppImage file when the running binary is inside its mount, and always adds --hidden', () => {
    const env = { APPIMAGE: '/home/ann/Apps/Vault.AppImage', APPDIR: '/tmp/.mount_VaultX' };
    expect(linuxLaunchTarget(env, '/tmp/.mount_VaultX/notion-token-vault')).toEqual({ executable: '/home/ann/Apps/Vault.AppImage', args: ['--hidden'] });
    expect(linuxLaunchTarget({}, '/opt/Vault/notion-token-vault', '--x')).toEqual({ executable: '/opt/Vault/notion-token-vault', args: ['--hidden', '--x'] });
  });

  it("ignores another AppImage's variables, inherited by an app it started", () => {
    const env = { APPIMAGE: '/home/ann/Apps/Terminal.AppImage', APPDIR: '/tmp/.mount_TermX' };
    expect(linuxLaunchTarget(env, '/opt/Vault/notion-token-vault').executable).toBe('/opt/Vault/notion-token-vault');
    expect(linuxLaunchTarget({ APPIMAGE: '/home/ann/Vault.AppImage' }, '/opt/Vault/notion-token-vault').executable).toBe('/opt/Vault/notion-token-vault');
  });
});

describe('planLoginItem', () => {
  const exe = '/opt/Vault/notion-token-vault';

  it('registers nothing for a dev run, on any platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(planLoginItem(true, platform, false, {}, exe)).toEqual({ kind: 'dev-only' });
    }
  });

  it('uses an XDG entry on Linux and login items elsewhere, with --hidden where arguments exist', () => {
    expect(planLoginItem(true, 'linux', true, {}, exe)).toEqual({ kind: 'xdg', enabled: true, target: { executable: exe, args: ['--hidden'] } });
    expect(planLoginItem(false, 'linux', true, {}, exe)).toMatchObject({ kind: 'xdg', enabled: false });
    expect(planLoginItem(true, 'win32', true, {}, exe)).toEqual({ kind: 'login-item', openAtLogin: true, args: ['--hidden'] });
    expect(planLoginItem(false, 'darwin', true, {}, exe)).toEqual({ kind: 'login-item', openAtLogin: false, args: [] });
  });
});

describe('startedHidden', () => {
  it('is --hidden on any platform, or a macOS login launch', () => {
    expect(startedHidden(['/opt/v', '--hidden'], 'linux', false)).toBe(true);
    expect(startedHidden(['/opt/v'], 'linux', true)).toBe(false);
    expect(startedHidden(['C:\\v.exe', '--hidden'], 'win32', false)).toBe(true);
    expect(startedHidden(['/Applications/V.app/v'], 'darwin', true)).toBe(true);
    expect(startedHidden(['/Applications/V.app/v'], 'darwin', false)).toBe(false);
  });
});
