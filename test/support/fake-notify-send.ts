import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

// A stand-in for libnotify's `notify-send`: node-notifier finds it with `which` on PATH and runs
// it through /bin/sh. Each call appends its argv as one JSON line to the file that
// FAKE_NOTIFY_LOG names, so a test sees exactly what would have reached the desktop.

export interface FakeNotifySendOptions {
  /** Written to stderr on every call (a real notify-send warns there and still exits 0). */
  stderr?: string;
  /** The exit code of every call (default 0). */
  exitCode?: number;
}

export interface FakeNotifySend {
  /** A folder holding only `notify-send`: put it first on PATH. */
  binDir: string;
  /** Where the calls are logged, one JSON array of argv per line. */
  logFile: string;
  /** PATH (binDir first, then the test process's PATH) and FAKE_NOTIFY_LOG, for the CLI's env. */
  env: Record<string, string>;
  /** Every call so far, in order: the argv each one got (without the program name). */
  readCalls(): string[][];
}

function scratch(): string {
  const root = process.env.NV_TEST_ARTIFACTS ?? tmpdir();
  const dir = join(root, 'fake-notify-send');
  mkdirSync(dir, { recursive: true });
  return mkdtempSync(join(dir, 'bin-'));
}

export function installFakeNotifySend({ stderr = '', exitCode = 0 }: FakeNotifySendOptions = {}): FakeNotifySend {
  const base = scratch();
  const binDir = join(base, 'bin');
  mkdirSync(binDir);
  const logFile = join(base, 'calls.jsonl');
  const script = [
    `#!${process.execPath}`,
    "'use strict';",
    "const { appendFileSync } = require('node:fs');",
    `const log = process.env.FAKE_NOTIFY_LOG || ${JSON.stringify(logFile)};`,
    "appendFileSync(log, JSON.stringify(process.argv.slice(2)) + '\\n');",
    stderr === '' ? '' : `process.stderr.write(${JSON.stringify(stderr)});`,
    `process.exitCode = ${String(exitCode)};`,
    '',
  ].join('\n');
  const program = join(binDir, 'notify-send');
  writeFileSync(program, script);
  chmodSync(program, 0o755);
  return {
    binDir,
    logFile,
    env: { PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, FAKE_NOTIFY_LOG: logFile },
    readCalls() {
      if (!existsSync(logFile)) return [];
      return readFileSync(logFile, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as string[]);
    },
  };
}
