import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the app in Electron and resolves to the exit code `npm start` should end with. Signals
 * sent to the launcher reach Electron, so a Ctrl-C or `kill` quits the app, not just the launcher.
 */
export function launchApp(executable: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(executable, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => { child.kill(signal); };
    for (const signal of FORWARDED) process.on(signal, forward);
    let settled = false;
    const done = (code: number): void => {
      if (settled) return; // a failed spawn can report both 'error' and 'exit'
      settled = true;
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.on('error', (error) => {
      console.error(`npm start: could not run ${executable} (${error.message}): point ELECTRON_OVERRIDE_DIST_PATH at an Electron folder you may run, or unset it.`);
      done(1);
    });
    // A signal death has no exit code: report it the shell's way, 128 + the signal's number.
    child.on('exit', (code, signal) => { done(code ?? 128 + (signal === null ? 0 : constants.signals[signal])); });
  });
}
