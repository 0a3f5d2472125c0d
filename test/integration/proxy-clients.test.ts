// `run --proxy` with real clients that honour HTTPS_PROXY: curl, Python's urllib and requests, and
// a Node program on @notionhq/client. Each calls https://api.notion.com (the proxy sends it to the
// emulator), gets 200 from users/me and search, and never holds the token: the emulator saw the
// real one, the child's whole environment and its output do not.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../electron/core/handout/access-record';
import { PLACEHOLDER } from '../../electron/core/proxy/child-env';
import { fakeToken, runCli } from '../support/cli';
import { collect } from '../support/collect';
import { client, expectProxiedEnv, proxyDirs, proxyVault } from '../support/proxy-run';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

/** Node's fetch honours HTTPS_PROXY with NODE_USE_ENV_PROXY=1 from 22.21 and 24.0 on. */
function nodeHonoursEnvProxy(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major >= 24 || (major === 22 && minor >= 21) || major === 23;
}

/** Why a client cannot run here (null: it can); CI installs all of them (.ci/run). */
const missing = (command: string, args: string[], fix: string): string | null => (spawnSync(command, args, { stdio: 'ignore' }).status === 0 ? null : fix);
const curlMissing = missing('curl', ['--version'], 'no curl on PATH (Debian: apt-get install curl)');
const pythonMissing = missing('python3', ['-c', 'import urllib.request'], 'no python3 on PATH (Debian: apt-get install python3)');
const requestsMissing = pythonMissing ?? missing('python3', ['-c', 'import requests'], 'python3 cannot import requests (Debian: apt-get install python3-requests)');
const nodeTooOld = nodeHonoursEnvProxy(process.version) ? null : `Node ${process.version} ignores NODE_USE_ENV_PROXY (needs 22.21+ or 24+)`;

const CLIENTS: { name: string; command: string[]; skip: string | null }[] = [
  { name: 'curl', command: ['sh', client('notion-curl.sh')], skip: curlMissing },
  { name: 'Python urllib', command: ['python3', client('notion-urllib.py')], skip: pythonMissing },
  { name: 'Python requests', command: ['python3', client('notion-requests.py')], skip: requestsMissing },
  { name: 'Node @notionhq/client', command: [process.execPath, client('notion-sdk.mjs')], skip: nodeTooOld },
];

describe.concurrent('run --proxy with real clients', () => {
  for (const { name, command, skip } of CLIENTS) {
    if (skip !== null) console.log(`SKIPPED run --proxy with ${name}: ${skip}`);
    it.skipIf(skip !== null)(`${name}: users/me and search answer 200 through the proxy; the child never holds the token`, async () => {
      const v = proxyVault(notion());
      const token = fakeToken();
      notion().setToken(token, { identity: 'internal', workspaceName: 'Proxied Co' });
      const add = await runCli(['add', '--name', 'acme'], { env: v.env, input: `${token}\n` });
      expect(add.code, add.stderr).toBe(0);
      const since = Date.now();

      const dump = join(v.tmp, 'child-env');
      const r = await runCli(['run', '--proxy', 'acme', '--', ...command, dump], { env: v.env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^users\/me 200$/m);
      expect(r.stdout).toMatch(/^search 200$/m);
      expect(r.stdout).toContain('Proxied Co'); // Notion's answer itself came through
      expect(`${r.stdout}${r.stderr}`.includes(token)).toBe(false);
      expectProxiedEnv(readFileSync(dump, 'utf8'), [token]);

      const seen = notion().requests(token).filter((q) => q.at >= since).map((q) => `${q.method} ${q.path}`);
      expect(seen).toEqual(['GET /v1/users/me', 'POST /v1/search']);
      expect(proxyDirs(v), 'the CA folder is removed when the run ends').toEqual([]);

      // One access-log line per request the proxy sent with the token; no `run` line: no token was handed out.
      const log = await runCli(['log', 'acme', '--json'], { env: v.env });
      const lines = (JSON.parse(log.stdout) as { accesses: AccessRecord[] }).accesses;
      expect(lines.map((l) => [l.action, l.program, l.request?.method, l.request?.path, l.request?.status])).toEqual([
        ['proxy', basename(command[0] ?? ''), 'GET', '/v1/users/me', 200],
        ['proxy', basename(command[0] ?? ''), 'POST', '/v1/search', 200],
      ]);
      for (const l of lines) expect(l.pid).toBeGreaterThan(0);
      expect(readFileSync(join(v.home, 'access.log'), 'utf8').includes(token)).toBe(false);
    });
  }
});

describe('the README\'s run --proxy example', () => {
  it.skipIf(pythonMissing !== null || nodeTooOld !== null)('runs a Python and a Node script against the emulator through the proxy, each given the placeholder', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- run --proxy example[^\n]*-->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README.md has the example block').toBeDefined();
    const tmp = mkdtempSync(join(tmpdir(), 'notion-vault-readme-proxy-'));
    try {
      // As a person runs it in the repo: this Node first on PATH; npx offline, with a cache of its
      // own and no scripts (it links the repo, whose `prepare` would rebuild out/ under other tests).
      const env = { ...process.env, TMPDIR: tmp, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, npm_config_offline: 'true', npm_config_cache: join(tmp, 'npm-cache'), npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
      // In a process group of its own: if the block stops half-way, its emulator goes too.
      const child = spawn('bash', ['-e', '-c', block ?? ''], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const group = -(child.pid ?? 0);
      const stop = (): void => { try { process.kill(group, 'SIGKILL'); } catch { /* all gone already */ } };
      const timer = setTimeout(stop, 140_000);
      const r = await collect(child).finally(() => { clearTimeout(timer); stop(); });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('python: My Integration in Demo\npython: NOTION_TOKEN here is notion-vault-proxy-placeholder\n');
      expect(r.stdout).toContain('node: My Integration in Demo, 1 page(s) shared\nnode: NOTION_TOKEN here is notion-vault-proxy-placeholder\n');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 150_000); // four npx starts: about 15 s here on a quiet machine, several times that under a full test run
});

describe.concurrent('run --proxy and notion-vault:// references', () => {
  async function twoEntries(): Promise<ReturnType<typeof proxyVault>> {
    const v = proxyVault(notion());
    for (const name of ['acme', 'other']) {
      const token = fakeToken();
      notion().setToken(token, { identity: 'internal', workspaceName: name });
      const add = await runCli(['add', '--name', name], { env: v.env, input: `${token}\n` });
      expect(add.code, add.stderr).toBe(0);
    }
    return v;
  }

  it('a reference to the proxied entry gets the placeholder too', async () => {
    const v = await twoEntries();
    const r = await runCli(['run', '--proxy', 'acme', '--', 'sh', '-c', 'echo "$MY_TOKEN"'], { env: { ...v.env, MY_TOKEN: 'notion-vault://acme' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${PLACEHOLDER}\n`);
  });

  it('a reference to another entry is refused with exit 2, and nothing starts', async () => {
    const v = await twoEntries();
    const marker = join(v.tmp, 'started');
    const r = await runCli(['run', '--proxy', 'acme', '--', 'sh', '-c', `touch ${marker}`], { env: { ...v.env, MY_TOKEN: 'notion-vault://other' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^notion-vault: --proxy stands in for one token, "acme": MY_TOKEN names "other"; drop that reference or run without --proxy\.\n$/);
    expect(existsSync(marker)).toBe(false);
    expect(proxyDirs(v)).toEqual([]);
  });
});
