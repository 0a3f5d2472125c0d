import type { Entry } from '../../common/types';
import { EXIT, usageError, type ExitCode } from '../../core/errors';
import { parentProgram } from '../../core/handout/parent-program';
import { ENV_VAR } from '../../core/vault/vault-schema';
import type { Context } from '../context';
import { dotenvLine } from '../dotenv-line';
import { chosenEntry, logHandOut, secretFor, type HandOutFlags } from '../hand-out';

/** The secret on stdout: the only command meant to print it (scripts capture it). */
export async function get(ctx: Context, name: string | undefined, flags: HandOutFlags = {}): Promise<ExitCode> {
  const entry = await chosenEntry(ctx, name);
  const secret = await secretFor(ctx, entry, flags);
  await logHandOut(ctx, entry, 'get', parentProgram());
  ctx.writeWhole(ctx.outIsTerminal() ? `${secret}\n` : secret);
  return EXIT.ok;
}

export const EXPORT_FORMATS = ['env', 'dotenv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const DEFAULT_VARS: readonly string[] = ['NOTION_TOKEN', 'NOTION_API_KEY'];

/** `eval "$(notion-vault export acme)"`, or a .env file, or JSON for other tools. */
export async function exportSecret(ctx: Context, name: string | undefined, flags: HandOutFlags & { format: string; env?: string[] }): Promise<ExitCode> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw usageError(`--format takes env, dotenv or json, not "${flags.format.slice(0, 20)}".`);
  const entry = await chosenEntry(ctx, name);
  const vars = variables(flags.env, entry);
  const secret = await secretFor(ctx, entry, flags);
  const text =
    flags.format === 'json' ? `${JSON.stringify(Object.fromEntries(vars.map((v) => [v, secret])), null, 2)}\n`
    : flags.format === 'dotenv' ? vars.map((v) => dotenvLine(v, secret)).join('')
    : vars.map((v) => `export ${v}=${shellQuote(secret)}\n`).join('');
  await logHandOut(ctx, entry, 'export', parentProgram());
  ctx.out.write(text);
  return EXIT.ok;
}

/** The variables to set: `--env` if given, else the entry's own (`notion-vault env`), else NOTION_TOKEN and NOTION_API_KEY. */
export function variables(env: string[] | undefined, entry?: Entry): readonly string[] {
  const vars = env && env.length > 0 ? env : entry?.envVars && entry.envVars.length > 0 ? entry.envVars : DEFAULT_VARS;
  for (const v of vars) if (!ENV_VAR.test(v)) throw usageError(`--env takes a variable name like NOTION_TOKEN, not "${v.slice(0, 40)}".`);
  return vars;
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
