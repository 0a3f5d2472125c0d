// (b) `check` of 200 tokens in 20 workspaces, under Notion's per-workspace budget: at most two
// requests in flight per workspace (electron/core/check/workspace-lanes.ts). The ideal under that
// rule: each workspace's 10 checks are 20 requests, two at a time, so 10 round trips, with every
// workspace going at once; on top of what the same `check` costs when Notion answers at once (the
// process, the keychain, 400 requests' CPU, vault.json), measured in the same run like the round
// trip (one request to the same emulator, median of 20). So the ratio is how well the lanes keep
// every workspace busy. The ratio against the round trips alone is printed too.

import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Entry } from '../../electron/common/types';
import { PER_WORKSPACE } from '../../electron/core/check/workspace-lanes';
import { createKeytarStore } from '../../electron/core/keychain/keytar-store';
import { openVaultFile } from '../../electron/core/vault/vault-file';
import { collect } from '../support/collect';
import { median } from './median';
import { startNotionEmulator, type NotionEmulator } from '../support/notion-emulator';

const CLI = resolve('out/main/cli.js');
export const WORKSPACE_TOKENS = 200;
export const WORKSPACES = 20;
const LATENCY_MS = 300;
const REQUESTS_PER_CHECK = 2; // users/me + search
const RUNS = 3;
export const WORKSPACES_GOAL = 1.2;

export interface WorkspacesResult {
  runs: number[];
  median: number;
  ideal: number;
  roundTrip: number;
  /** The same check with Notion answering at once: what the rule adds nothing to. */
  floor: number;
  /** The most requests of one workspace the emulator saw in flight at once, over all runs. */
  peakInFlight: number;
}

/** Store the tokens in-process: secrets in the keychain, metadata in one vault.json write. */
async function populate(home: string, service: string, emulator: NotionEmulator): Promise<void> {
  const store = createKeytarStore({ service });
  const now = new Date().toISOString();
  const limit = pLimit(8);
  const entries = await Promise.all(Array.from({ length: WORKSPACE_TOKENS }, (_, i) => limit(async (): Promise<Entry> => {
    const token = `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;
    const workspaceName = `Bench ${String(i % WORKSPACES)}`;
    emulator.setToken(token, { identity: 'internal', workspaceName });
    const id = randomUUID();
    await store.set(id, token);
    return {
      id, name: `w${String(i)}`, kind: 'internal', workspaceId: null, workspaceName, identity: null, createdAt: now, expiresAt: null, addedAt: now,
      status: 'unchecked', lastCheckedAt: null, lastOkAt: null, lastError: null, lastDecided: null, pagesShared: null, warned: [], nextCheckAt: null, failStreak: 0, history: [],
    };
  })));
  await openVaultFile({ dir: home }).update((doc) => {
    doc.entries.push(...entries);
  });
}

/** One request's round trip to the emulator, as the CLI's client makes it (median of 20). */
async function roundTrip(emulator: NotionEmulator): Promise<number> {
  const token = 'ntn_benchroundtrip00000000000000000000000000000000';
  emulator.setToken(token, { identity: 'internal', workspaceName: 'Round trip' });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await (await fetch(`${emulator.url}/v1/users/me`, { headers: { Authorization: `Bearer ${token}`, 'Notion-Version': '2026-03-11' } })).text();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function benchWorkspaces(env: NodeJS.ProcessEnv): Promise<WorkspacesResult> {
  const emulator = await startNotionEmulator({ latencyMs: LATENCY_MS });
  const home = await mkdtemp(join(tmpdir(), 'notion-vault-bench-workspaces-'));
  const service = `notion-vault-bench-workspaces-${randomUUID().slice(0, 8)}`;
  try {
    await populate(home, service, emulator);
    const trip = await roundTrip(emulator);
    const childEnv = { ...env, NOTION_VAULT_HOME: home, NOTION_VAULT_SERVICE: service, NOTION_API_BASE_URL: emulator.url };
    const check = async (): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> => {
      const start = performance.now();
      const done = await collect(spawn(process.execPath, [CLI, 'check', '--json'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] }), '');
      return { ms: performance.now() - start, ...done };
    };
    emulator.setLatency(0);
    const floors: number[] = [];
    for (let i = 0; i < RUNS; i++) floors.push((await check()).ms);
    emulator.setLatency(LATENCY_MS);
    const runs: number[] = [];
    let peakInFlight = 0;
    for (let i = 0; i < RUNS; i++) {
      emulator.clearLog();
      const { ms, code, stdout, stderr } = await check();
      runs.push(ms);
      if (code !== 0) throw new Error(`check --json exited ${String(code)}: ${stderr.trim().slice(0, 500)}`);
      const { results } = JSON.parse(stdout) as { results: { status: string }[] };
      const valid = results.filter((r) => r.status === 'valid').length;
      if (valid !== WORKSPACE_TOKENS) throw new Error(`check --json run ${String(i + 1)}: ${String(valid)} of ${String(results.length)} valid`);
      const requests = emulator.requests().length;
      if (requests !== WORKSPACE_TOKENS * REQUESTS_PER_CHECK) throw new Error(`run ${String(i + 1)} made ${String(requests)} requests, expected ${String(WORKSPACE_TOKENS * REQUESTS_PER_CHECK)}`);
      for (let w = 0; w < WORKSPACES; w++) peakInFlight = Math.max(peakInFlight, emulator.maxInFlight(`Bench ${String(w)}`));
    }
    if (peakInFlight > PER_WORKSPACE) throw new Error(`the emulator saw ${String(peakInFlight)} requests of one workspace in flight at once (at most ${String(PER_WORKSPACE)})`);
    const perWorkspace = (WORKSPACE_TOKENS / WORKSPACES) * REQUESTS_PER_CHECK;
    const floor = median(floors);
    return { runs, median: median(runs), ideal: floor + Math.ceil(perWorkspace / PER_WORKSPACE) * trip, roundTrip: trip, floor, peakInFlight };
  } finally {
    await emulator.stop();
    await removeItems(service);
    await rm(home, { recursive: true, force: true });
  }
}

/** The bench's keychain items go with it (inside with-keyring.sh the whole keyring does too). */
async function removeItems(service: string): Promise<void> {
  const imported = await import('keytar');
  const keytar = 'default' in imported ? imported.default : imported;
  const items = await keytar.findCredentials(service);
  await Promise.all(items.map((item) => keytar.deletePassword(service, item.account)));
}

/** The line `npm run bench` prints. */
export function workspacesLine(r: WorkspacesResult): string {
  const ratio = r.median / r.ideal;
  const fmt = (v: number): string => `${(v / 1000).toFixed(2)} s`;
  const network = r.ideal - r.floor;
  return `check ${String(WORKSPACE_TOKENS)} tokens in ${String(WORKSPACES)} workspaces @${String(LATENCY_MS)} ms   ${fmt(r.median)} vs ideal ${fmt(r.ideal)}   ratio ${ratio.toFixed(2)}×  (goal ≤ ${String(WORKSPACES_GOAL)}×: ${ratio <= WORKSPACES_GOAL ? 'met' : 'MISSED'})   [median of ${r.runs.map(fmt).join(', ')}; ideal = the same check with Notion answering at once ${fmt(r.floor)} + ceil(${String(WORKSPACE_TOKENS / WORKSPACES)} checks × ${String(REQUESTS_PER_CHECK)} requests / ${String(PER_WORKSPACE)} in flight) × round trip ${r.roundTrip.toFixed(0)} ms = ${fmt(network)}, every workspace at once; vs the round trips alone ${(r.median / network).toFixed(2)}×; peak in flight per workspace ${String(r.peakInFlight)}; whole CLI process]`;
}
