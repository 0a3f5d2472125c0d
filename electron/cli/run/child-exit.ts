import { constants } from 'node:os';
import { usageError, type VaultError } from '../../core/errors';

/** What notion-vault exits with: the command's own code, or 128+n when signal n ended it (as a shell reports it). */
export const exitCode = (code: number | null, signal: NodeJS.Signals | number | null): number =>
  code ?? 128 + (typeof signal === 'number' ? signal : signal ? constants.signals[signal] : 1);

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Signals sent to notion-vault go on to the command, which decides when to stop; returns the undo. */
export function forwardSignals(kill: (signal: NodeJS.Signals) => void): () => void {
  const forward = (signal: NodeJS.Signals): void => { kill(signal); };
  for (const signal of FORWARDED) process.on(signal, forward);
  return () => { for (const signal of FORWARDED) process.off(signal, forward); };
}

export const cannotRun = (file: string, code: string | undefined): VaultError =>
  usageError(code === 'ENOENT' ? `Cannot run "${file}": no such command; check the name or PATH.` : `Cannot run "${file}": ${code ?? 'it did not start'}.`);
