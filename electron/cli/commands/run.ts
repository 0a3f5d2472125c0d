import { usageError } from '../../core/errors';
import type { Context } from '../context';
import { runChild } from '../run/run-child';
import { variables } from './secrets';

/** Run a command with the token in its environment, what it prints masked; exit with the command's code. */
export async function run(ctx: Context, name: string, command: string[], flags: { env?: string[]; masking?: boolean }): Promise<number> {
  // Commander passes the `--` separator through with the command when options come first.
  const [file, ...args] = command[0] === '--' ? command.slice(1) : command;
  if (file === undefined) throw usageError('Say what to run after --, e.g. notion-vault run acme -- node script.js');
  const vars = variables(flags.env);
  const token = await ctx.vault.token(await ctx.vault.find(name));
  const env = { ...process.env, ...Object.fromEntries(vars.map((v) => [v, token.access])) };
  return runChild({ file, args, env, secrets: [token.access, token.refresh ?? ''], masking: flags.masking !== false });
}
