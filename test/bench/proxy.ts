// `run --proxy`'s cost per request, through the built CLI as a person runs it: a Node program (fetch,
// as @notionhq/client uses) behind `notion-vault run --proxy` sends GET /v1/users/me to the emulator
// (no added latency) direct, with the real token, and through the proxy to https://api.notion.com
// (CONNECT tunnel and TLS with the run's CA, the placeholder swapped for the token), all kept alive
// (proxy-child.mjs): 1,000 of each one after the other, interleaved, and 1,000 of each in rounds of
// 50 in flight. Every answer must be a 200, and the emulator must have seen every request with the
// real token: none lost, none sent twice.

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { PLACEHOLDER } from '../../electron/core/proxy/child-env';
import { startNotionEmulator } from '../support/notion-emulator';

const SEQUENTIAL = 1_000;
const CONCURRENT = 50;
const ROUNDS = 20;
const WARMUP = 100;
export const PROXY_GOAL_MS = 1;
const CHILD = resolve('test/bench/proxy-child.mjs');

export interface ProxyFigures {
  sequential: { direct: number; proxied: number };
  /** Per request: the median over rounds of a round's wall time over its 50 requests (a request's own latency there is mostly its wait in line). */
  concurrent: { direct: number; proxied: number };
  /** Answers that were not 200, and requests the emulator did not see exactly once. */
  lost: number;
  sent: number;
}

interface ChildReport {
  seq: { direct: number[]; proxied: number[] };
  conc: { direct: number[]; proxied: number[] };
  notOk: number;
  sent: number;
}

type Run = (command: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string) => Promise<{ code: number | null; stdout: string; stderr: string }>;

/**
 * Stores an entry in the vault `env` names, and runs the child behind `run --proxy` against an
 * emulator of its own. The direct requests carry the placeholder, which this emulator also takes
 * as a token, so the real one stays off the child's command line too.
 */
export async function benchProxy(cli: string, env: NodeJS.ProcessEnv, run: Run): Promise<ProxyFigures> {
  const emulator = await startNotionEmulator();
  try {
    const token = `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;
    for (const t of [token, PLACEHOLDER]) emulator.setToken(t, { identity: 'internal', workspaceName: 'Bench' });
    const add = await run(process.execPath, [cli, 'add', '--no-check', '--kind', 'internal', '--name', 'bench-proxy'], env, token);
    if (add.code !== 0) throw new Error(`notion-vault add exited ${String(add.code)}: ${add.stderr.trim().slice(0, 500)}`);
    const args = [cli, 'run', '--proxy', 'bench-proxy', '--', process.execPath, CHILD, emulator.url, ...[SEQUENTIAL, CONCURRENT, ROUNDS, WARMUP].map(String)];
    const result = await run(process.execPath, args, { ...env, NOTION_API_BASE_URL: emulator.url, NO_PROXY: '127.0.0.1' });
    if (result.code !== 0) throw new Error(`run --proxy exited ${String(result.code)}: ${result.stderr.trim().slice(0, 500)}`);
    const report = JSON.parse(result.stdout) as ChildReport;
    // Each request reached the emulator once: the proxied ones with the real token, the direct ones with the placeholder.
    const seen = emulator.requests(token).length + emulator.requests(PLACEHOLDER).length;
    return {
      sequential: { direct: median(report.seq.direct), proxied: median(report.seq.proxied) },
      concurrent: { direct: median(report.conc.direct), proxied: median(report.conc.proxied) },
      lost: report.notOk + Math.abs(report.sent - seen),
      sent: report.sent,
    };
  } finally {
    await emulator.stop();
  }
}

/** The lines npm run bench prints. */
export function proxyLines(f: ProxyFigures): string[] {
  const lost = f.lost === 0 ? `none lost of ${String(f.sent)}` : `LOST ${String(f.lost)} of ${String(f.sent)}`;
  const line = (label: string, { direct, proxied }: { direct: number; proxied: number }, how: string): string => {
    const overhead = proxied - direct;
    return `${label}  ${proxied.toFixed(3)} ms vs direct ${direct.toFixed(3)} ms   overhead ${overhead.toFixed(3)} ms  (goal ≤ ${String(PROXY_GOAL_MS)} ms and none lost: ${overhead <= PROXY_GOAL_MS && f.lost === 0 ? 'met' : 'MISSED'})   [${how}; ${lost}]`;
  };
  return [
    line(`run --proxy, ${String(SEQUENTIAL)} sequential `, f.sequential, 'median per request; a Node child\'s fetch, kept alive: to the emulator direct vs through the proxy (CONNECT, TLS, token swap), interleaved'),
    line(`run --proxy, ${String(CONCURRENT)} concurrent `, f.concurrent, `per request = a round's wall time / ${String(CONCURRENT)}, median of ${String(ROUNDS)} alternating rounds each`),
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}
