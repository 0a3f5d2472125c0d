import { EXIT, usageError, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { dotenvLine } from '../dotenv-line';

/** The secret on stdout: the only command meant to print it (scripts capture it). */
export async function get(ctx: Context, name: string): Promise<ExitCode> {
  const secret = await ctx.vault.secret(await ctx.vault.find(name));
  ctx.out.write(ctx.out === process.stdout && process.stdout.isTTY ? `${secret}\n` : secret);
  return EXIT.ok;
}

export const EXPORT_FORMATS = ['env', 'dotenv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const DEFAULT_VARS = ['NOTION_TOKEN', 'NOTION_API_KEY'];

/** `eval "$(notion-vault export acme)"`, or a .env file, or JSON for other tools. */
export async function exportSecret(ctx: Context, name: string, flags: { format: string; env?: string[] }): Promise<ExitCode> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw usageError(`--format takes env, dotenv or json, not "${flags.format.slice(0, 20)}".`);
  const vars = variables(flags.env);
  const secret = await ctx.vault.secret(await ctx.vault.find(name));
  const text =
    flags.format === 'json' ? `${JSON.stringify(Object.fromEntries(vars.map((v) => [v, secret])), null, 2)}\n`
    : flags.format === 'dotenv' ? vars.map((v) => dotenvLine(v, secret)).join('')
    : vars.map((v) => `export ${v}=${shellQuote(secret)}\n`).join('');
  ctx.out.write(text);
  return EXIT.ok;
}

export function variables(env: string[] | undefined): string[] {
  const vars = env && env.length > 0 ? env : DEFAULT_VARS;
  for (const v of vars) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw usageError(`--env takes a variable name like NOTION_TOKEN, not "${v.slice(0, 40)}".`);
  return vars;
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
