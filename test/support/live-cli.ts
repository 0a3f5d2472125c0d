import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, type CliResult } from './cli';
import { collect } from './collect';
import { until } from './until';

export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** Resolves with stdout so far once it matches `pattern` (a command's own progress line). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** `notion-vault …` running, its stdout watched as it comes; outputs are recorded for the leak scan like runCli's. */
export function startCli(args: readonly string[], env: Record<string, string>, { timeoutMs = 30_000 }: { timeoutMs?: number } = {}): LiveCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let seen = '';
  child.stdout.on('data', (d: Buffer | string) => (seen += String(d)));
  const done = collect(child).then(({ code, signal, stdout, stderr }) => {
    clearTimeout(guard);
    const artifacts = process.env.NV_TEST_ARTIFACTS;
    if (artifacts) appendFileSync(join(artifacts, 'outputs.jsonl'), `${JSON.stringify({ args, stdout, stderr })}\n`);
    return { code: code ?? 128, signal, stdout, stderr };
  });
  if (child.pid === undefined) throw new Error('the CLI did not start');
  return {
    child,
    pid: child.pid,
    waitFor: (pattern, ms = 15_000) => until(`stdout to match ${String(pattern)}`, () => pattern.test(seen) && seen, ms),
    done,
  };
}
