import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { errnoCode } from '../../core/errors';
import { findOnPath } from '../../core/find-on-path';
import { maskStream } from '../../core/handout/mask-stream';
import { cannotRun, exitCode, forwardSignals } from './child-exit';
import type { ChildSpec } from './run-child';

type PtyModule = typeof import('@lydell/node-pty');
/** With `encoding: null` node-pty hands out and takes raw bytes, which its types (strings) do not say. */
interface BytePty {
  onData(listener: (data: Buffer) => void): unknown;
  write(data: Buffer): void;
}

/** node-pty with its prebuilt binary for this platform, or null where it has none. */
export async function loadPty(): Promise<PtyModule | null> {
  try {
    return await import('@lydell/node-pty');
  } catch {
    return null;
  }
}

/**
 * The command on a pseudo-terminal of its own, so it still sees a terminal (colours, prompts,
 * line editing, full-screen programs): what it prints is read from the terminal's master side
 * through the masker into our terminal, and what is typed goes to it byte for byte (our terminal
 * in raw mode: Ctrl-C reaches the command through its own terminal, as it would without us).
 */
export function ptyChild({ file, args, env, secrets, started }: ChildSpec, pty: PtyModule): Promise<number> {
  // node-pty reports a command it cannot start as exit 1 with a message of its own: say it as run does without a terminal.
  const missing = notRunnable(file, env);
  if (missing !== null) return Promise.reject(cannotRun(file, missing));
  const { stdin, stdout } = process;
  // Listening before the command exists (see piped-child.ts).
  const target: { kill?: (signal: NodeJS.Signals) => void } = {};
  const stop = forwardSignals((signal) => { target.kill?.(signal); });
  const term = pty.spawn(file, [...args], { name: env.TERM ?? 'xterm-256color', cols: stdout.columns, rows: stdout.rows, cwd: process.cwd(), env, encoding: null });
  const told = started?.(term.pid) ?? Promise.resolve();
  const mask = maskStream(secrets);
  mask.pipe(stdout);
  const bytes = term as unknown as BytePty;
  bytes.onData((data) => { mask.write(data); });
  const type = (data: Buffer): void => { bytes.write(data); };
  const resize = (): void => { term.resize(stdout.columns, stdout.rows); };
  const cooked = (): void => { stdin.setRawMode(false); };
  stdin.setRawMode(true);
  stdin.on('data', type);
  stdout.on('resize', resize);
  process.once('exit', cooked); // never leave the person's terminal raw, whatever happens
  target.kill = (signal) => { term.kill(signal); };
  return new Promise((done) => {
    term.onExit(({ exitCode: code, signal }) => {
      stop();
      stdin.off('data', type);
      cooked();
      stdin.pause();
      stdout.off('resize', resize);
      process.off('exit', cooked);
      mask.once('close', () => { void told.then(() => { done(exitCode(signal ? null : code, signal ?? null)); }); });
      mask.end();
    });
  });
}

/** Why `file` cannot be started (an errno code), or null if it can. */
function notRunnable(file: string, env: NodeJS.ProcessEnv): string | null {
  if (!/[\\/]/.test(file)) return findOnPath(file, env) === null ? 'ENOENT' : null;
  try {
    accessSync(resolve(file), constants.X_OK);
    return null;
  } catch (error) {
    return errnoCode(error) ?? 'ENOENT';
  }
}
