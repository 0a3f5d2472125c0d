import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { maskStream } from '../../core/handout/mask-stream';
import { cannotRun, exitCode, forwardSignals } from './child-exit';
import type { ChildSpec } from './run-child';

/**
 * The command with stdin inherited and, when masking, its stdout and stderr read through the
 * masker into ours; otherwise all three inherited (the terminal straight through).
 */
export function pipedChild({ file, args, env, secrets, masking, started }: ChildSpec): Promise<number> {
  // Listening before the command exists: until a handler is in place a signal ends notion-vault
  // at once, and the command, already started, would be left running alone.
  const target: { kill?: (signal: NodeJS.Signals) => void } = {};
  const stop = forwardSignals((signal) => { target.kill?.(signal); });
  const child = spawn(file, args, { env, stdio: masking ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
  target.kill = (signal) => { child.kill(signal); };
  let told: Promise<unknown> = Promise.resolve();
  child.once('spawn', () => { told = started?.(child.pid ?? null) ?? told; });
  const relayed = masking ? [relay(child.stdout, process.stdout, secrets), relay(child.stderr, process.stderr, secrets)] : [];
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      stop();
      reject(cannotRun(file, error.code));
    });
    // 'close' comes once the command has exited and its output pipes are shut: nothing it printed
    // is lost. (A background process it leaves holding them keeps run waiting, as `cmd | filter` waits.)
    child.on('close', (code, signal) => {
      stop();
      void Promise.all([...relayed, told]).then(() => { resolve(exitCode(code, signal)); });
    });
  });
}

/** Resolves once everything read from `from` is written to `to`, or `to` is gone. */
function relay(from: Readable | null, to: NodeJS.WriteStream, secrets: readonly string[]): Promise<void> {
  if (from === null) return Promise.resolve();
  const mask = maskStream(secrets);
  // A reader that went away (`| head -1`): stop reading, so the command meets the closed pipe as it would without us.
  const gone = (): void => {
    from.destroy();
    mask.destroy();
  };
  to.once('error', gone);
  from.pipe(mask).pipe(to); // pipe() never ends process.stdout or process.stderr
  return new Promise((resolve) => {
    mask.once('close', () => {
      to.off('error', gone);
      resolve();
    });
  });
}
