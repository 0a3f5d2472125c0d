// The CLI's standard output. `notion-vault list | head -1` closes it early: that is the reader's
// choice, not an error, so EPIPE ends the process quietly (exit 0).

let guarded = false;

/** process.stdout, with EPIPE ending the process quietly; built on first use. */
export function stdoutStream(): NodeJS.WritableStream {
  if (!guarded) {
    guarded = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return process.stdout;
}

/**
 * `text` written to file descriptor 1 at once, without building process.stdout: a `get` prints one
 * short line, and the stream (a socket for a pipe, with the stream modules behind it) costs it
 * about 3 ms (npm run bench). A pipe another program left non-blocking and full (EAGAIN) gets the
 * rest through the stream, which waits for it; a closed reader (EPIPE) is the reader's choice.
 * Windows keeps the stream: its console is not a file descriptor to write bytes to.
 */
export function writeWhole(text: string): void {
  if (process.platform === 'win32') {
    stdoutStream().write(text);
    return;
  }
  const { writeSync } = process.getBuiltinModule('node:fs');
  let rest = Buffer.from(text);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(1, rest));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      stdoutStream().write(rest);
      return;
    }
  }
}

/**
 * Whether standard output is a terminal, asked without building process.stdout. Only a character
 * device can be one; node:tty (which loads node:net and the streams, ~5 ms) is asked only then.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!process.getBuiltinModule('node:fs').fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false; // no standard output at all
  }
  return process.getBuiltinModule('node:tty').isatty(1);
}
