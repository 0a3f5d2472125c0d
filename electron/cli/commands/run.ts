import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { usageError } from '../../core/errors';
import type { Context } from '../context';
import { variables } from './secrets';

/** Run a command with the token in its environment; exit with the command's code. */
export async function run(ctx: Context, name: string, command: string[], flags: { env?: string[]; proxy?: boolean }): Promise<number> {
  // Commander passes the `--` separator through with the command when options come first.
  const [file, ...args] = command[0] === '--' ? command.slice(1) : command;
  if (file === undefined) throw usageError('Say what to run after --, e.g. notion-vault run acme -- node script.js');
  const vars = variables(flags.env);
  // Listening before CMD starts: a signal that came before our handlers would end us and leave CMD
  // running on its own. One that comes before CMD exists reaches it as soon as it does.
  const running: { child?: ChildProcess; early?: NodeJS.Signals } = {};
  const forward = (signal: NodeJS.Signals): void => { if (running.child) running.child.kill(signal); else running.early ??= signal; };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  const entry = await ctx.vault.find(name);
  // --proxy: the child gets a placeholder, and a local proxy adds the token to its Notion requests.
  const proxy = flags.proxy ? await (await import('./run-proxy')).startRunProxy(ctx, entry, vars) : null;
  const env = proxy?.env ?? withToken(vars, await ctx.vault.secret(entry));
  const child = spawn(file, args, { stdio: 'inherit', env });
  running.child = child;
  if (running.early) child.kill(running.early);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(usageError(error.code === 'ENOENT' ? `Cannot run "${file}": no such command; check the name or PATH.` : `Cannot run "${file}": ${error.code ?? error.message}.`));
    });
    child.on('exit', (code, signal) => {
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
  return proxy ? exited.finally(() => proxy.close()) : exited;
}

const withToken = (vars: readonly string[], secret: string): NodeJS.ProcessEnv => ({ ...process.env, ...Object.fromEntries(vars.map((v) => [v, secret])) });
