import { lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { errnoCode } from '../errors';
import { xdgConfigHome } from '../paths';
import { writeFileExclusive } from '../vault/atomic-write';

// Launch at login. Electron's login items exist on macOS and Windows only, so on Linux the app
// writes an XDG autostart entry itself. Main decides with planLoginItem and applies the plan.

type Env = Readonly<Record<string, string | undefined>>;

/** The same name as the installed app's desktop file (package.json `desktopName`). */
export const AUTOSTART_FILE = 'notion-token-vault.desktop';
/** Passed to a launch at login: start in the tray, with no window. */
export const HIDDEN_FLAG = '--hidden';

export interface AutostartTarget {
  executable: string;
  args: string[];
}

export type LoginItemPlan =
  | { kind: 'xdg'; enabled: boolean; target: AutostartTarget }
  | { kind: 'login-item'; openAtLogin: boolean; args: string[] }
  | { kind: 'dev-only' };

/** `$XDG_CONFIG_HOME/autostart/notion-token-vault.desktop`, `~/.config` when unset. */
export function linuxAutostartPath(env: Env = process.env, home: string = homedir()): string {
  // https://specifications.freedesktop.org/autostart-spec/latest/ (2.1, Autostart Directories)
  return join(xdgConfigHome(env, home), 'autostart', AUTOSTART_FILE);
}

/** What to start at login: the .AppImage file, not the binary inside its temporary mount. */
export function linuxLaunchTarget(env: Env, execPath: string, ...extraArgs: string[]): AutostartTarget {
  // The AppImage runtime sets APPIMAGE and APPDIR (its mount): https://docs.appimage.org/packaging-guide/environment-variables.html
  // Only ours counts: an app started from inside another AppImage inherits that one's variables.
  const { APPIMAGE, APPDIR } = env;
  const ours = APPIMAGE && APPDIR && isAbsolute(APPIMAGE) && isInside(execPath, APPDIR);
  return { executable: ours ? APPIMAGE : execPath, args: [HIDDEN_FLAG, ...extraArgs] };
}

/** The autostart entry's text (Desktop Entry Specification). */
export function autostartEntry(target: AutostartTarget, appName = 'Notion Token Vault'): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${escapeString(appName)}`,
    'Comment=Starts in the tray and checks your Notion tokens',
    `Exec=${execLine(target)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Write the entry (atomically, 0600) or remove it; either is a no-op when already so. */
export async function setLinuxAutostart(enabled: boolean, target: AutostartTarget, env: Env = process.env, home?: string): Promise<void> {
  const path = linuxAutostartPath(env, home);
  const present = await existingEntry(path);
  if (!enabled) {
    if (present) await rm(path, { force: true });
    return;
  }
  const text = autostartEntry(target);
  if (present && (await readFile(path, 'utf8')) === text) return;
  // 0700 for any folder created on the way: https://specifications.freedesktop.org/basedir-spec/latest/
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // A random, exclusively created temp file renamed over the entry: a link planted since existingEntry is replaced, not written through.
  await writeFileExclusive(path, text, 0o600);
}

/** Which launch-at-login mechanism applies; pure, so main's branches are tested here. */
export function planLoginItem(openAtLogin: boolean, platform: NodeJS.Platform, isPackaged: boolean, env: Env, execPath: string): LoginItemPlan {
  // A dev run would register the bare Electron binary, which opens Electron's default app at login.
  if (!isPackaged) return { kind: 'dev-only' };
  // setLoginItemSettings is macOS and Windows only: https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows
  if (platform === 'linux') return { kind: 'xdg', enabled: openAtLogin, target: linuxLaunchTarget(env, execPath) };
  // Windows passes `args` to the executable (same page: `args`, Windows only).
  if (platform === 'win32') return { kind: 'login-item', openAtLogin, args: [HIDDEN_FLAG] };
  // macOS login items take no arguments: the app asks getLoginItemSettings().wasOpenedAtLogin (macOS only, same
  // page) instead. openAsHidden, which did this once, is no longer in Electron 45's Settings type.
  return { kind: 'login-item', openAtLogin, args: [] };
}

/** Whether this start should stay in the tray: `--hidden` (Linux, Windows) or a macOS login launch. */
export function startedHidden(argv: readonly string[], platform: NodeJS.Platform, wasOpenedAtLogin: boolean): boolean {
  return argv.includes(HIDDEN_FLAG) || (platform === 'darwin' && wasOpenedAtLogin);
}

// Desktop Entry Exec quoting: https://specifications.freedesktop.org/desktop-entry/latest/exec-variables.html
// An argument with a reserved character is double-quoted, with " ` $ \ backslash-escaped inside;
// % is doubled (it starts field codes); then the whole value gets the string escapes, which are
// undone first (so a literal \ in a quoted argument is written \\\\).
// GLib (gio 2.74) cannot start an executable whose path holds a %, doubled or not; arguments are fine.
const RESERVED = /[\s"'\\<>~|&;$*?#()`]/;
// The spec forbids = in the executable's name; a quoted one is what GLib's parser accepts.
const RESERVED_IN_EXECUTABLE = /[\s"'\\<>~|&;$*?#()`=]/;
const STRING_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function execLine({ executable, args }: AutostartTarget): string {
  const words = [quoteArg(executable, RESERVED_IN_EXECUTABLE), ...args.map((arg) => quoteArg(arg, RESERVED))];
  return escapeString(words.join(' '));
}

function quoteArg(arg: string, reserved: RegExp): string {
  const percent = arg.replaceAll('%', '%%');
  if (arg !== '' && !reserved.test(arg)) return percent;
  return `"${percent.replace(/["`$\\]/g, '\\$&')}"`;
}

// https://specifications.freedesktop.org/desktop-entry/latest/value-types.html (\s \n \t \r \\)
function escapeString(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => STRING_ESCAPES[c] ?? c);
}

/** True when a regular file is there; a symlink or anything else at our path is refused, not followed. */
async function existingEntry(path: string): Promise<boolean> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
  if (stats.isFile()) return true;
  const what = stats.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
  throw new Error(`Cannot change launch at login: ${path} is ${what}, not an entry this app wrote; remove it and try again.`);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}
