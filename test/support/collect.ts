import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Collected {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Feed a spawned child its stdin and gather everything it prints until it closes. */
export function collect(child: ChildProcessWithoutNullStreams, input: string | Buffer = ''): Promise<Collected> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => undefined); // a child may stop reading early (too-long input, a kill)
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
}
