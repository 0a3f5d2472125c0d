import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Collected {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** stdout as the bytes the child wrote (output need not be UTF-8). */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Feed a spawned child its stdin and gather everything it prints until it closes. */
export function collect(child: ChildProcessWithoutNullStreams, input: string | Buffer = ''): Promise<Collected> {
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => stdout.push(d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => undefined); // a child may stop reading early (too-long input, a kill)
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(stdout);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr });
    });
  });
}
