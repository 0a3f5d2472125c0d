import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, type CliResult } from './cli';

export interface GatedRun {
  pid: number;
  /** Let the CLI start (it waits until then), with `input` on its stdin. */
  release: (input: string) => void;
  done: Promise<CliResult>;
}

/**
 * The CLI behind `sh -c '<prefix>; exec node cli …'`: the shell's pid becomes the CLI's pid, and
 * with `gated` the shell waits for a line on stdin first, so the test knows the pid before the
 * CLI runs. Outputs are recorded for the leak scan like runCli does.
 */
export function startShellCli(args: readonly string[], env: Record<string, string>, { prefix = 'true', gated = false, timeoutMs = 20_000 }: { prefix?: string; gated?: boolean; timeoutMs?: number } = {}): GatedRun {
  const script = `${prefix} && ${gated ? 'read -r _go && ' : ''}exec "$0" "$@"`;
  const child = spawn('sh', ['-c', script, process.execPath, CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const artifacts = process.env.NV_TEST_ARTIFACTS;
      if (artifacts) appendFileSync(join(artifacts, 'outputs.jsonl'), `${JSON.stringify({ args, stdout, stderr })}\n`);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 128), stdout, stderr });
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('sh did not start');
  const release = (input: string): void => {
    child.stdin.end(gated ? `go\n${input}` : input);
  };
  return { pid, release, done };
}

export function runShellCli(args: readonly string[], env: Record<string, string>, prefix: string, input = ''): Promise<CliResult> {
  const run = startShellCli(args, env, { prefix });
  run.release(input);
  return run.done;
}
