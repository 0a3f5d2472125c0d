import { EXIT, usageError, type ExitCode } from '../../core/errors';
import type { Context } from '../context';
import { field } from '../format';
import { DEFAULT_VARS, variables } from './secrets';

/** Show or set the variables run, export and mcp give this entry's token (`--env` still overrides them). */
export async function envVars(ctx: Context, name: string, vars: string[], flags: { reset?: boolean }): Promise<ExitCode> {
  const entry = await ctx.vault.find(name);
  if (flags.reset && vars.length > 0) throw usageError('Give variable names or --reset, not both.');
  if (vars.length === 0 && !flags.reset) {
    const own = entry.envVars && entry.envVars.length > 0;
    ctx.print(`${field(entry.name)} sets ${variables(undefined, entry).join(' ')}${own ? '' : ' (the default)'}.\n`);
    return EXIT.ok;
  }
  const chosen = flags.reset ? null : [...new Set(variables(vars))];
  const updated = await ctx.vault.updateEntry(entry.id, (e) => ({ ...e, envVars: chosen }));
  if (updated === null) throw usageError(`"${field(name)}" was removed meanwhile.`);
  ctx.print(`${field(updated.name)} now sets ${(chosen ?? DEFAULT_VARS).join(' ')} in run, export and mcp.\n`);
  return EXIT.ok;
}
