import { EXIT, VaultError } from '../core/errors';
import type { Context } from './context';

/** One line on stderr (redacted), and the exit code that goes with the error. */
export function reportError(error: unknown, ctx: Context | undefined): number {
  const say = (message: string): void => {
    if (ctx) ctx.warn(message);
    else process.stderr.write(`notion-vault: ${message}\n`);
  };
  if (error instanceof VaultError) {
    say(error.message);
    return error.exitCode;
  }
  say(`unexpected error: ${error instanceof Error ? error.message : String(error)} (please report it)`);
  return EXIT.usage;
}
