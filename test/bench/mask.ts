// `run`'s masker on 100 MB: `notion-vault run NAME -- cat FILE` against `cat FILE`, both into
// `wc -c` through a pipe, so the reader drains as fast as it can and the byte count is checked.
// Also timed, to tell the parts apart: `run NAME -- true` (start-up and keychain read, paid once),
// `run --no-masking` (the same without reading the output), and a bare Node relay
// (stdin piped to stdout), the floor for any masker written in Node.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONCEALED } from '../../electron/core/handout/redactor';
import { collect } from '../support/collect';

const CLI = resolve('out/main/cli.js');
const BYTES = 100 * 1000 * 1000;
/** The file holds the token this many times, so the masker has work to show, not only a scan. */
const OCCURRENCES = 10;
const WARMUPS = 1;
const RUNS = 5;
export const MASK_GOAL = 1.5;

interface Timed {
  ms: number;
  out: string;
}

/** `sh -c SCRIPT` with the arguments given as $0, $1…; wall time to the end of its output. */
async function sh(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const start = performance.now();
  const { code, stdout, stderr } = await collect(spawn('sh', ['-c', script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`sh -c '${script}' exited ${String(code)}: ${stderr.trim().slice(0, 300)}`);
  return { ms, out: stdout.trim() };
}

/** Text lines of letters, digits and underscores, as a log might be, with the token in a few of them. */
async function bigFile(path: string, token: string): Promise<{ size: number; occurrences: number }> {
  const line = (i: number): string => `${String(i).padStart(8, '0')} ${randomUUID()} GET /v1/pages ntn ok 200 ${'n_x'.repeat(8)}\n`;
  let block = '';
  for (let i = 0; block.length < 64 * 1024; i++) block += line(i);
  const chunk = Buffer.from(block);
  const withToken = Buffer.concat([chunk, Buffer.from(`token ${token}\n`)]);
  const every = Math.floor(BYTES / chunk.length / OCCURRENCES);
  const parts: Buffer[] = [];
  let size = 0;
  let occurrences = 0;
  for (let i = 1; size < BYTES; i++) {
    const part = i % every === 0 ? withToken : chunk;
    if (part === withToken) occurrences++;
    parts.push(part);
    size += part.length;
  }
  await writeFile(path, Buffer.concat(parts));
  return { size, occurrences };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** The bench line for the masker; throws when a run's output is not what it must be. */
export async function benchMask(baseEnv: NodeJS.ProcessEnv): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'notion-vault-bench-mask-'));
  const env = { ...baseEnv, NOTION_VAULT_HOME: join(dir, 'home'), NOTION_VAULT_SERVICE: `notion-vault-bench-mask-${randomUUID().slice(0, 8)}` };
  const token = `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  const file = join(dir, 'big.txt');
  try {
    const added = await collect(spawn(process.execPath, [CLI, 'add', '--no-check', '--kind', 'internal', '--name', 'bench-mask'], { env, stdio: ['pipe', 'pipe', 'pipe'] }), token);
    if (added.code !== 0) throw new Error(`notion-vault add exited ${String(added.code)}: ${added.stderr.trim()}`);
    const { size, occurrences } = await bigFile(file, token);
    const masked = String(size - occurrences * (token.length - CONCEALED.length));

    const commands = {
      cat: { script: 'cat "$0" | wc -c', want: String(size) },
      run: { script: '"$1" "$2" run bench-mask -- cat "$0" | wc -c', want: masked },
      unmasked: { script: '"$1" "$2" run --no-masking bench-mask -- cat "$0" | wc -c', want: String(size) },
      startup: { script: '"$1" "$2" run bench-mask -- true | wc -c', want: '0' },
      relay: { script: 'cat "$0" | "$1" -e "process.stdin.pipe(process.stdout)" | wc -c', want: String(size) },
    } as const;
    const keys = Object.keys(commands) as (keyof typeof commands)[];
    const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<keyof typeof commands, number[]>;
    for (let round = 0; round < WARMUPS + RUNS; round++) {
      // Interleaved, rotating who goes first, so all share the machine's noise.
      for (let i = 0; i < keys.length; i++) {
        const key = keys[(round + i) % keys.length] ?? 'cat';
        const { script, want } = commands[key];
        const t = await sh(script, [file, process.execPath, CLI], env);
        if (t.out !== want) throw new Error(`${key}: wc -c counted ${t.out} bytes, expected ${want}`);
        if (round >= WARMUPS) times[key].push(t.ms);
      }
    }
    const m = Object.fromEntries(keys.map((k) => [k, median(times[k])])) as Record<keyof typeof commands, number>;
    const ratio = m.run / m.cat;
    // Throughput leaves out what run pays once whatever it prints (Node's start, the keychain read).
    const throughput = (m.run - m.startup) / m.cat;
    const verdict = (v: number): string => (v <= MASK_GOAL ? 'met' : 'MISSED');
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    return `run, ${String(BYTES / 1e6)} MB masked       median ${ms(m.run)} vs cat ${ms(m.cat)}   ratio ${ratio.toFixed(2)}×  (goal ≤ ${String(MASK_GOAL)}×: ${verdict(ratio)}); `
      + `throughput, after start-up ${throughput.toFixed(2)}× cat (goal ≤ ${String(MASK_GOAL)}×: ${verdict(throughput)})   `
      + `[both | wc -c; ${String(occurrences)} tokens concealed; start-up = run NAME -- true ${ms(m.startup)}; run --no-masking ${ms(m.unmasked)}; `
      + `a bare Node relay (stdin.pipe(stdout)), no masking, ${ms(m.relay)} (${(m.relay / m.cat).toFixed(2)}× cat); median of ${String(RUNS)} after ${String(WARMUPS)} warm-up, interleaved]`;
  } finally {
    await collect(spawn(process.execPath, [CLI, 'remove', 'bench-mask'], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
    await rm(dir, { recursive: true, force: true });
  }
}
