// `npm run bench`: how fast the built `notion-vault` is, measured against what it cannot beat.
//  (a) `get NAME` vs its floor: one Node process that loads keytar and reads the same keychain item
//      (also shown: `secret-tool lookup` of it, and bare `node -e ""`);
//  (b) `check` of 200 tokens in 20 workspaces vs the ideal under the per-workspace rule (workspaces.ts);
//  (c) `add` with 10,000 stored entries and `list` with 100,000;
//  (d) `run`'s masker on 100 MB vs `cat` of the same bytes (mask.ts);
//  (e) a request through `run --proxy` vs the same request direct (proxy.ts).
// Figures are printed, never asserted. Run inside test/support/with-keyring.sh (the npm script does),
// so every keychain item lands in a throwaway gnome-keyring.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { collect } from '../support/collect';
import { benchMask } from './mask';
import { benchPlan } from './plan';
import { benchProxy, proxyLines } from './proxy';
import { benchRender, bundleSize } from './render';
import { median } from './median';
import { benchWorkspaces, workspacesLine } from './workspaces';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH } from '../support/browser';
import { writeFingerprintedVault, writeVault } from './vault-scale';
import { LIST_CACHE_FILE } from '../../electron/core/vault/list-cache';

const CLI = resolve('out/main/cli.js');

const GET_WARMUPS = 2;
const GET_RUNS = 20;
const GET_GOAL = 1.15; // × the floor: node + keytar reading the item
const ADD_ENTRIES = 10_000;
const ADD_RUNS = 5;
const ADD_GOAL_MS = 500;
const LIST_ENTRIES = 100_000;
const LIST_RUNS = 5; // after one warm-up, as get's: a run takes about a second, and three were too few to settle a median
const LIST_GOAL_MS = 1000;
const RENDER_GOAL_MS = 200;
const BUNDLE_GOAL_KB = 250;

// ---------------------------------------------------------------------------------------------
// Environment for the timed children

// NODE_EXTRA_CA_CERTS makes every Node process read and parse a CA bundle before running any
// code. `get` never opens a TLS connection (and `check` here talks plain HTTP to the emulator),
// so the timed Node children run without it: otherwise the bench measures the machine's setup.
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...inheritedEnv } = process.env;

interface BenchVault {
  home: string;
  service: string;
  env: NodeJS.ProcessEnv;
}

async function makeVault(label: string, extra: Record<string, string> = {}): Promise<BenchVault> {
  const home = await mkdtemp(join(tmpdir(), `notion-vault-bench-${label}-`));
  const service = `notion-vault-bench-${label}-${randomUUID().slice(0, 8)}`;
  return { home, service, env: { ...inheritedEnv, NOTION_VAULT_HOME: home, NOTION_VAULT_SERVICE: service, ...extra } };
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Wall time from spawn to the child's streams closing, measured the same way for every command. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> {
  const start = performance.now();
  return collect(spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] }), input).then(({ code, stdout, stderr }) => ({ ms: performance.now() - start, code, stdout, stderr }));
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const ratio = (v: number): string => `${v.toFixed(2)}×`;
const verdict = (value: number, goal: number): string => (value <= goal ? 'met' : 'MISSED');

class BenchError extends Error {}

function expectOk(what: string, run: Run): Run {
  if (run.code !== 0) throw new BenchError(`${what} exited ${String(run.code)}: ${run.stderr.trim().slice(0, 500)}`);
  return run;
}

/** A plausible internal-integration secret: `ntn_` + 46 characters. */
const fakeToken = (): string => `ntn_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 14)}`;

// ---------------------------------------------------------------------------------------------
// (a) get vs secret-tool lookup

interface GetResult {
  get: number;
  lookup: number;
  /** One Node process: load keytar, read the item, print it. */
  floor: number;
  bare: number;
}

/** The floor for `get`: what any Node program that reads the item through keytar must spend. */
async function floorScript(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'notion-vault-bench-floor-'));
  const script = join(dir, 'floor.cjs');
  const keytar = createRequire(import.meta.url).resolve('keytar');
  writeFileSync(script, `require(${JSON.stringify(keytar)}).getPassword(process.argv[2], process.argv[3]).then((v) => { process.stdout.write(v ?? ''); });\n`);
  return script;
}

async function benchGet(vault: BenchVault): Promise<GetResult> {
  const name = 'bench-get';
  const token = fakeToken();
  const added = expectOk('notion-vault add', await timed(process.execPath, [CLI, 'add', '--no-check', '--kind', 'internal', '--name', name, '--json'], vault.env, token));
  const { id } = JSON.parse(added.stdout) as { id: string };

  const floor = await floorScript();
  const commands = [
    { key: 'get', command: process.execPath, args: [CLI, 'get', name] },
    { key: 'floor', command: process.execPath, args: [floor, vault.service, id] },
    { key: 'lookup', command: 'secret-tool', args: ['lookup', 'service', vault.service, 'account', id] },
    { key: 'bare', command: process.execPath, args: ['-e', ''] },
  ] as const;
  const times: Record<(typeof commands)[number]['key'], number[]> = { get: [], lookup: [], floor: [], bare: [] };

  for (let round = 0; round < GET_WARMUPS + GET_RUNS; round++) {
    // Interleave, rotating who goes first, so the three share the machine's noise evenly.
    for (let i = 0; i < commands.length; i++) {
      const c = commands[(round + i) % commands.length];
      if (c === undefined) continue;
      const run = expectOk(`${c.command} ${c.args.join(' ')}`, await timed(c.command, c.args, vault.env));
      if (c.key !== 'bare' && run.stdout.trim() !== token) throw new BenchError(`${c.key} did not print the stored token`);
      if (round >= GET_WARMUPS) times[c.key].push(run.ms);
    }
  }
  await rm(join(floor, '..'), { recursive: true, force: true });
  return { get: median(times.get), lookup: median(times.lookup), floor: median(times.floor), bare: median(times.bare) };
}

// ---------------------------------------------------------------------------------------------
// (c) add with 10,000 stored entries, list with 100,000

/**
 * What any add must do with one JSON file, in one bare Node process: read vault.json, parse it, add
 * an entry, stringify it and write it to a new file, fsync'd (then removed: the vault is left as it was).
 */
const ADD_FLOOR = `const fs = require('node:fs');
const path = process.env.NOTION_VAULT_HOME + '/vault.json';
const doc = JSON.parse(fs.readFileSync(path, 'utf8'));
doc.entries.push({ ...doc.entries[0], id: 'floor', name: 'floor' });
const copy = path + '.floor-copy';
const fd = fs.openSync(copy, 'wx', 0o600);
fs.writeSync(fd, JSON.stringify(doc));
fs.fsyncSync(fd);
fs.closeSync(fd);
fs.unlinkSync(copy);`;

async function benchAdd(vault: BenchVault): Promise<{ median: number; runs: number[]; floor: number }> {
  await writeFingerprintedVault(vault.home, vault.service, ADD_ENTRIES, fakeToken);
  const runs: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < ADD_RUNS; i++) {
    floors.push(expectOk('the add floor', await timed(process.execPath, ['-e', ADD_FLOOR], vault.env)).ms);
    const run = expectOk('notion-vault add', await timed(process.execPath, [CLI, 'add', '--no-check', '--kind', 'internal', '--name', `bench-add-${String(i)}`], vault.env, `${fakeToken()}\n`));
    runs.push(run.ms);
  }
  return { median: median(runs), runs, floor: median(floors) };
}

interface ListRuns {
  median: number;
  runs: number[];
  /** The same list with vault.json.list-cache gone (as after a write by an older build). */
  uncached: { median: number; runs: number[] };
}

/** `list` as this build leaves the vault (list cache and all), then without the cache; both must print the same table. */
async function benchList(vault: BenchVault): Promise<ListRuns> {
  await writeVault(vault.home, LIST_ENTRIES);
  const cached = await listRuns(vault);
  await rm(join(vault.home, LIST_CACHE_FILE));
  const uncached = await listRuns(vault);
  if (uncached.stdout !== cached.stdout) throw new BenchError('list printed another table without its cache');
  return { median: cached.median, runs: cached.runs, uncached: { median: uncached.median, runs: uncached.runs } };
}

async function listRuns(vault: BenchVault): Promise<{ median: number; runs: number[]; stdout: string }> {
  const runs: number[] = [];
  let stdout = '';
  for (let i = -1; i < LIST_RUNS; i++) {
    const run = expectOk('notion-vault list', await timed(process.execPath, [CLI, 'list'], vault.env));
    const rows = run.stdout.split('\n').filter((l) => l !== '').length;
    if (rows !== LIST_ENTRIES + 1) throw new BenchError(`list printed ${String(rows)} lines, expected ${String(LIST_ENTRIES + 1)}`);
    if (i >= 0) runs.push(run.ms);
    stdout = run.stdout;
  }
  return { median: median(runs), runs, stdout };
}

// ---------------------------------------------------------------------------------------------

async function cleanup(vaults: readonly BenchVault[]): Promise<void> {
  const imported = await import('keytar');
  const keytar = 'default' in imported ? imported.default : imported;
  for (const vault of vaults) {
    const items = await keytar.findCredentials(vault.service);
    await Promise.all(items.map((item) => keytar.deletePassword(vault.service, item.account)));
    await rm(vault.home, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!existsSync(CLI)) {
    console.error(`bench: ${CLI} is missing: run \`npm run build\` first (npm run bench does).`);
    return 1;
  }
  if (process.env.DBUS_SESSION_BUS_ADDRESS === undefined) {
    console.error('bench: no D-Bus session: run it through test/support/with-keyring.sh (npm run bench does).');
    return 1;
  }
  console.log(`notion-vault bench (node ${process.version}, ${String(availableParallelism())} cores)`);
  console.log(
    extraCaCerts === undefined
      ? 'NODE_EXTRA_CA_CERTS is not set here; timed node children run with the inherited environment.'
      : `timed node children run without NODE_EXTRA_CA_CERTS (set here to ${extraCaCerts}): it makes every Node start load a CA bundle, and get never makes a TLS connection.`,
  );

  const getVault = await makeVault('get');
  const addVault = await makeVault('add');
  const listVault = await makeVault('list');
  const proxyVault = await makeVault('proxy');
  let code = 0;
  try {
    const g = await benchGet(getVault);
    const getRatio = g.get / g.floor;
    console.log(
      `get vs node+keytar floor      median ${ms(g.get)} vs ${ms(g.floor)}   ratio ${ratio(getRatio)}  (goal ≤ ${String(GET_GOAL)}×: ${verdict(getRatio, GET_GOAL)})   [floor: one node process loading keytar and reading the item; secret-tool lookup ${ms(g.lookup)} (${ratio(g.get / g.lookup)}); node -e "" ${ms(g.bare)}; ${String(GET_RUNS)} runs each after ${String(GET_WARMUPS)} warm-ups, interleaved]`,
    );

    const a = await benchAdd(addVault);
    console.log(
      `add, ${String(ADD_ENTRIES)} stored entries   median ${ms(a.median)} vs goal ${String(ADD_GOAL_MS)} ms   ratio ${ratio(a.median / ADD_GOAL_MS)}  (goal ≤ ${String(ADD_GOAL_MS)} ms: ${a.median <= ADD_GOAL_MS ? 'met' : 'MISSED'}); vs its floor ${ms(a.floor)} ${ratio(a.median / a.floor)}   [whole CLI process, --no-check; duplicates found by fingerprint; runs ${a.runs.map(ms).join(', ')}; floor: bare node reading vault.json, parsing it, adding an entry and writing it back to a new file, fsync'd, interleaved]`,
    );
    const l = await benchList(listVault);
    console.log(
      `list, ${String(LIST_ENTRIES)} entries       median ${ms(l.median)} vs goal ${String(LIST_GOAL_MS)} ms   ratio ${ratio(l.median / LIST_GOAL_MS)}  (goal ≤ ${String(LIST_GOAL_MS)} ms: ${l.median <= LIST_GOAL_MS ? 'met' : 'MISSED'})   [whole CLI process, table to a pipe, from the list cache every write leaves; runs after a warm-up ${l.runs.map(ms).join(', ')}; without the cache (vault.json written by an older build) ${ms(l.uncached.median)}: ${l.uncached.runs.map(ms).join(', ')}]`,
    );

    console.log(workspacesLine(await benchWorkspaces(inheritedEnv)));

    console.log(await benchMask(inheritedEnv));
    for (const line of proxyLines(await benchProxy(CLI, proxyVault.env, timed))) console.log(line);

    const p = benchPlan();
    console.log(
      `plan next event, ${String(p.entries)} entries  ${p.planMs.toFixed(2)} ms vs bare scan ${p.scanMs.toFixed(2)} ms   ratio ${ratio(p.planMs / p.scanMs)}  [monitor's nextEventAt (checks + expiry thresholds) vs the earliest nextCheckAt alone; median of 200]`,
    );

    const r = await benchRender();
    console.log(
      `window first render, ${String(r.entries)} entries  ${ms(r.fullMs)} vs empty vault ${ms(r.emptyMs)}   ratio ${ratio(r.fullMs / r.emptyMs)}  (goal ≤ ${String(RENDER_GOAL_MS)} ms: ${r.fullMs <= RENDER_GOAL_MS ? 'met' : 'MISSED'})   [Chromium ${CHROMIUM_PATH} through the browser harness; navigation start → first list; median of ${r.runs.map(ms).join(', ')}]`,
    );
    const b = await bundleSize();
    const kb = b.gzipBytes / 1024;
    console.log(
      `window bundle (gzip)          ${kb.toFixed(1)} KB vs goal ${String(BUNDLE_GOAL_KB)} KB   ratio ${ratio(kb / BUNDLE_GOAL_KB)}  (goal ≤ ${String(BUNDLE_GOAL_KB)} KB: ${kb <= BUNDLE_GOAL_KB ? 'met' : 'MISSED'})   [${String(b.files)} files in out/renderer: HTML, JS, CSS, gzip -9]`,
    );
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    console.error(`bench: ERROR: ${error.message}`);
    code = 1;
  } finally {
    await cleanup([getVault, addVault, listVault, proxyVault]);
  }
  return code;
}

process.exitCode = await main();
