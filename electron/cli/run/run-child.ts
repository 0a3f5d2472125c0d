import { pipedChild } from './piped-child';
import { loadPty, ptyChild } from './pty-child';

export interface ChildSpec {
  file: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Every secret handed to the command (an OAuth entry's refresh token too): concealed in what it prints. */
  secrets: readonly string[];
  /** false: the command gets our terminal as it is, and prints whatever it likes. */
  masking: boolean;
  /** Told the command's pid once it started (the access log); run exits only after it settled. */
  started?: (pid: number | null) => Promise<unknown>;
}

/**
 * Run the command and resolve to the code notion-vault exits with.
 *
 * Masking means reading what the command prints, so it cannot print to our terminal directly.
 * Where notion-vault runs in a terminal (stdin, stdout and stderr all one), the command gets a
 * pseudo-terminal of its own (node-pty's prebuilt binaries; no native build): interactive
 * programs keep working and their output is still masked. Passing a terminal through unmasked
 * would be the convenient choice, but a token printed there is seen by screen recorders,
 * scrollback, and agents that drive a terminal. Anything redirected (a pipe, a file, CI, an agent's
 * captured output) is masked through pipes, with stdout and stderr kept apart and stdin inherited.
 * Where node-pty has no binary, a terminal session falls back to pipes, still masked, and says so.
 */
export async function runChild(spec: ChildSpec): Promise<number> {
  if (spec.masking && inTerminal()) {
    const pty = await loadPty();
    if (pty !== null) return ptyChild(spec, pty);
    process.stderr.write('notion-vault: no pseudo-terminal on this system: the command\'s output is masked through pipes, so it does not see a terminal; --no-masking gives it yours.\n');
  }
  return pipedChild(spec);
}

// Windows has node-pty too (ConPTY), but nothing here has tried it: pipes there.
const inTerminal = (): boolean => process.platform !== 'win32' && process.stdin.isTTY && process.stdout.isTTY && process.stderr.isTTY;
