import { access, constants, lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isHTTPResponseError } from '@notionhq/client';
import { EXIT, VaultError, type ExitCode } from '../../core/errors';
import { baseUrlFromEnv } from '../../core/check/notion-client';
import { dataDir, keychainService } from '../../core/paths';
import { APP_LOG_FILE, appPaths } from '../../core/app/app-paths';
import { findOnPath } from '../../core/find-on-path';
import { VAULT_FILE } from '../../core/vault/vault-file';
import type { Context } from '../context';

interface Finding {
  /** false: the vault cannot work until this is fixed. */
  ok: boolean;
  /** Works, but something a person would want to know (e.g. no desktop notifications). */
  warning?: boolean;
  what: string;
  detail: string;
  exit: ExitCode;
}

/** Is everything the vault relies on in place? One line per part, with the fix where one is needed. */
export async function doctor(ctx: Context, flags: { json?: boolean }): Promise<ExitCode> {
  const findings = [await keychain(ctx), await folder(ctx), await notion(ctx), notifier(ctx.env), appLog(ctx.env)];
  if (flags.json) ctx.json({ findings });
  else for (const f of findings) ctx.print(`${!f.ok ? 'FAIL' : f.warning ? 'warn' : 'ok  '}  ${f.what.padEnd(10)} ${f.detail}\n`);
  return findings.find((f) => !f.ok)?.exit ?? EXIT.ok;
}

async function keychain(ctx: Context): Promise<Finding> {
  const what = 'keychain';
  try {
    await ctx.store.probe();
    return { ok: true, what, detail: `writable and readable (service "${keychainService(ctx.env)}")`, exit: EXIT.ok };
  } catch (error) {
    return { ok: false, what, detail: messageOf(error), exit: EXIT.keychain };
  }
}

async function folder(ctx: Context): Promise<Finding> {
  const what = 'data dir';
  const dir = dataDir(ctx.env);
  try {
    if ((await lstat(dir).catch(() => null)) === null) return { ok: true, what, detail: `${dir} (created on first add)`, exit: EXIT.ok };
    // Reading refuses another user's folder or file and tightens loose modes (saying so): report what is left.
    const entries = await ctx.vault.entries();
    await access(dir, constants.W_OK);
    const count = `${String(entries.length)} entries`;
    if (process.platform === 'win32') return { ok: true, what, detail: `${dir}, ${count}`, exit: EXIT.ok };
    const info = await stat(dir);
    const file = await lstat(join(dir, VAULT_FILE)).catch(() => null);
    const modes = `mode ${octal(info.mode)}; ${file === null ? 'no vault.json yet' : `vault.json mode ${octal(file.mode)}`}`;
    // A file system without modes (FAT) keeps them loose whatever the vault does.
    const loose = ((info.mode | (file?.mode ?? 0)) & 0o077) !== 0;
    const fix = loose ? `; others can read it: chmod 700 "${dir}" and chmod 600 "${join(dir, VAULT_FILE)}", or use a folder on a disk with modes` : '';
    return { ok: !loose, what, detail: `${dir}: owner you (uid ${String(info.uid)}), ${modes}; ${count}${fix}`, exit: loose ? EXIT.usage : EXIT.ok };
  } catch (error) {
    return { ok: false, what, detail: messageOf(error), exit: EXIT.usage };
  }
}

const octal = (mode: number): string => (mode & 0o777).toString(8);

async function notion(ctx: Context): Promise<Finding> {
  const what = 'notion';
  const base = baseUrlFromEnv(ctx.env);
  try {
    await (await ctx.client()).request({ path: 'users/me', method: 'get' });
    return { ok: true, what, detail: `${base} answers`, exit: EXIT.ok };
  } catch (error) {
    // Without a token Notion answers 401: that is the answer we want, it proves Notion is there.
    if (isHTTPResponseError(error) && error.status < 500) return { ok: true, what, detail: `${base} answers`, exit: EXIT.ok };
    const detail = isHTTPResponseError(error) ? `${base} answered ${String(error.status)}: try again later` : `cannot reach ${base}: check your connection or NOTION_API_BASE_URL`;
    return { ok: false, what, detail, exit: EXIT.unreachable };
  }
}

function notifier(env: Readonly<Record<string, string | undefined>>): Finding {
  const what = 'notifier';
  if (process.platform !== 'linux') return { ok: true, what, detail: 'built into the OS', exit: EXIT.ok };
  const found = findOnPath('notify-send', env);
  if (found !== null) return { ok: true, what, detail: found, exit: EXIT.ok };
  // Not fatal: the vault works without desktop notifications.
  return { ok: true, warning: true, what, detail: 'notify-send not found: install libnotify-bin (Debian/Ubuntu) for expiry warnings on the desktop', exit: EXIT.ok };
}

/** Where the tray app writes its log (the same folder main gives Electron: app-paths.ts). */
function appLog(env: Readonly<Record<string, string | undefined>>): Finding {
  return { ok: true, what: 'app log', detail: join(appPaths(env).logs, APP_LOG_FILE), exit: EXIT.ok };
}

const messageOf = (error: unknown): string => (error instanceof VaultError ? error.message : error instanceof Error ? error.message : String(error));
