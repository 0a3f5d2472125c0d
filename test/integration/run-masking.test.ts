// `run` masks the token in what the command prints: the built CLI as a subprocess, the real
// keychain, and a real child (node -e …) printing the token every way a program might. Every
// output is recorded for the suite's leak scan: masked output counts as output.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCEALED } from '../../electron/core/handout/redactor';
import { CLI, fakeToken, makeVaultEnv, recordOutput, runCli, type RunOptions, type VaultEnv } from '../support/cli';
import { connectedEntry, registerIssuedTokens } from '../support/oauth';
import { useSharedEmulator } from '../support/shared-emulator';
import { until } from '../support/until';

const notion = useSharedEmulator();

/** A vault holding one internal token as `acme` (stored without a check: masking needs no Notion). */
async function vaultWithToken(): Promise<{ v: VaultEnv; token: string }> {
  const v = makeVaultEnv();
  const token = fakeToken();
  const added = await runCli(['add', '--no-check', '--kind', 'internal', '--name', 'acme'], { env: v.env, input: `${token}\n` });
  if (added.code !== 0) throw new Error(`add exited ${String(added.code)}: ${added.stderr}`);
  return { v, token };
}

/** `notion-vault run acme [flags] -- node -e SCRIPT`; the script reads the token from its environment. */
const runNode = (v: VaultEnv, script: string, { flags = [], ...options }: RunOptions & { flags?: string[] } = {}) =>
  runCli(['run', ...flags, 'acme', '--', process.execPath, '-e', script], { ...options, env: { ...v.env, ...options.env } });

/** No ten characters in a row of the token appear in the output. */
function expectNothingOf(token: string, output: string | Buffer): void {
  const text = typeof output === 'string' ? output : output.toString('latin1');
  for (let i = 0; i + 10 <= token.length; i++) expect(text.includes(token.slice(i, i + 10)), `output holds ${token.slice(0, 4)}… from ${String(i)}`).toBe(false);
}

describe.concurrent('run masks the token in what the command prints', () => {
  it('printed whole, on stdout and on stderr', async () => {
    const { v, token } = await vaultWithToken();
    const r = await runNode(v, 'console.log(process.env.NOTION_TOKEN); console.error("err " + process.env.NOTION_API_KEY)');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${CONCEALED}\n`);
    expect(r.stderr).toBe(`err ${CONCEALED}\n`);
    expectNothingOf(token, r.stdout + r.stderr);
  });

  it('written byte by byte, each byte flushed before the next, on stdout and on stderr', async () => {
    const { v, token } = await vaultWithToken();
    const script = `
      const t = process.env.NOTION_TOKEN;
      const slowly = async (stream) => {
        for (const c of t) await new Promise((done) => stream.write(c, () => setTimeout(done, 5)));
        stream.write('.\\n');
      };
      slowly(process.stdout).then(() => slowly(process.stderr));`;
    const r = await runNode(v, script);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${CONCEALED}.\n`);
    expect(r.stderr).toBe(`${CONCEALED}.\n`);
    expectNothingOf(token, r.stdout + r.stderr);
  });

  it('inside a longer line, and twice on it', async () => {
    const { v, token } = await vaultWithToken();
    const r = await runNode(v, 'const t = process.env.NOTION_TOKEN; console.log("x".repeat(5000) + "Authorization: Bearer " + t + ", again:" + t + "y".repeat(5000))');
    expect(r.stdout).toBe(`${'x'.repeat(5000)}Authorization: Bearer ${CONCEALED}, again:${CONCEALED}${'y'.repeat(5000)}\n`);
    expectNothingOf(token, r.stdout);
  });

  it('with bytes that are not UTF-8 around it, which pass unchanged', async () => {
    const { v, token } = await vaultWithToken();
    const binary = [0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x1b];
    const r = await runNode(v, `const b = Buffer.from(${JSON.stringify(binary)}); process.stdout.write(Buffer.concat([b, Buffer.from(process.env.NOTION_TOKEN), b]))`, { childBytes: true });
    expect(r.code).toBe(0);
    const b = Buffer.from(binary);
    expect(r.stdoutBytes.equals(Buffer.concat([b, Buffer.from(CONCEALED), b]))).toBe(true);
    expectNothingOf(token, r.stdoutBytes);
  });

  it('after 1 MB of output, across the boundary of the pipe\'s reads, all of the output arriving', async () => {
    const { v, token } = await vaultWithToken();
    // The token starts 20 bytes before the 1 MiB mark: reads of 64 KiB cut it in two.
    const before = 1024 * 1024 - 20;
    const r = await runNode(v, `process.stdout.write("a".repeat(${String(before)}) + process.env.NOTION_TOKEN + "b".repeat(100000))`);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(before + CONCEALED.length + 100000);
    expect(r.stdout === `${'a'.repeat(before)}${CONCEALED}${'b'.repeat(100000)}`).toBe(true);
    expectNothingOf(token, r.stdout);
  });

  it('an OAuth entry: its access token and its refresh token both', async () => {
    registerIssuedTokens(notion());
    const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url, NOTION_VAULT_BROWSER: 'none' });
    const { pair } = await connectedEntry(notion(), v, 'acme');
    // The command is never given the refresh token: the test hands it over, as a leaked copy would be.
    const r = await runNode(v, 'console.log("access=" + process.env.NOTION_TOKEN); console.error("refresh=" + process.env.LEAKED_REFRESH)', { env: { LEAKED_REFRESH: pair.refresh } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`access=${CONCEALED}\n`);
    expect(r.stderr).toBe(`refresh=${CONCEALED}\n`);
    expectNothingOf(pair.access, r.stdout + r.stderr);
    expectNothingOf(pair.refresh, r.stdout + r.stderr);
  });

  it('--no-masking passes the output straight through: the token shows', async () => {
    const { v, token } = await vaultWithToken();
    const r = await runNode(v, 'console.log(process.env.NOTION_TOKEN)', { flags: ['--no-masking'], printsSecret: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${token}\n`);
  });

  it('stdin stays the command\'s own', async () => {
    const { v, token } = await vaultWithToken();
    const r = await runNode(v, 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(s.toUpperCase() + process.env.NOTION_TOKEN))', { input: 'typed\n' });
    expect(r.stdout).toBe(`TYPED\n${CONCEALED}\n`);
    expectNothingOf(token, r.stdout);
  });

  it('a prompt without a newline shows before the command gets its answer', async () => {
    const { v, token } = await vaultWithToken();
    const live = startLive(process.execPath, [CLI, 'run', 'acme', '--', process.execPath, '-e', 'process.stdout.write("Name? "); process.stdin.once("data", (d) => { console.log("hi " + String(d).trim() + " " + process.env.NOTION_TOKEN); process.exit(0); })'], v.env);
    await until('the prompt', () => live.seen().stdout === 'Name? ', 10_000);
    live.type('bob\n');
    const r = await live.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Name? hi bob ${CONCEALED}\n`);
    expectNothingOf(token, r.stdout);
  });
});

describe.concurrent('run passes exit codes and signals through, masked or not', () => {
  for (const flags of [[], ['--no-masking']]) {
    const mode = flags.length === 0 ? 'masked' : '--no-masking';

    it(`${mode}: exit code 7 is notion-vault's exit code`, async () => {
      const { v } = await vaultWithToken();
      expect((await runNode(v, 'process.exit(7)', { flags })).code).toBe(7);
    });

    it(`${mode}: a command killed by SIGKILL or SIGTERM gives 128 + the signal's number`, async () => {
      const { v } = await vaultWithToken();
      expect((await runNode(v, 'process.kill(process.pid, "SIGKILL")', { flags })).code).toBe(137);
      expect((await runNode(v, 'process.kill(process.pid, "SIGTERM")', { flags })).code).toBe(143);
    });

    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      it(`${mode}: ${signal} sent to notion-vault reaches the command, which decides how to end`, async () => {
        const { v } = await vaultWithToken();
        // The command stops by itself a while later, so a lost signal fails the test instead of hanging it.
        const script = `process.on(${JSON.stringify(signal)}, () => { console.log("got ${signal}"); process.exit(3); }); console.log("ready"); setTimeout(() => process.exit(9), 15000);`;
        const live = startLive(process.execPath, [CLI, 'run', ...flags, 'acme', '--', process.execPath, '-e', script], v.env);
        await until('the command to start', () => live.seen().stdout.includes('ready'), 10_000);
        live.signal(signal);
        const r = await live.done;
        expect(r.stdout).toBe(`ready\ngot ${signal}\n`);
        expect(r.code).toBe(3);
      });
    }
  }
});

// `script` (util-linux) gives notion-vault a terminal of its own, as a person's shell would.
describe.skipIf(process.platform !== 'linux').concurrent('run in a terminal: the command gets a pseudo-terminal, its output still masked', () => {
  /** `notion-vault run acme -- node FILE` inside `script`: stdin, stdout and stderr are a terminal. */
  function inTerminal(v: VaultEnv, program: string): Live {
    const file = join(mkdtempSync(join(tmpdir(), 'notion-vault-pty-')), 'program.cjs');
    writeFileSync(file, program);
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, CLI, 'run', 'acme', '--', process.execPath, file].map(quote).join(' ');
    return startLive('script', ['-qec', command, '/dev/null'], v.env);
  }

  it('the command sees a terminal on stdin, stdout and stderr; the token is masked and the exit code passes', async () => {
    const { v, token } = await vaultWithToken();
    const live = inTerminal(v, 'console.log("tty:" + [process.stdin, process.stdout, process.stderr].map((s) => s.isTTY === true).join()); console.log(process.env.NOTION_TOKEN); console.error("err " + process.env.NOTION_TOKEN); process.exit(5);');
    const r = await live.done;
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('tty:true,true,true');
    expect(r.stdout).toContain(`${CONCEALED}\r`);
    expect(r.stdout).toContain(`err ${CONCEALED}\r`);
    expectNothingOf(token, r.stdout);
  });

  it('a prompt shows at once and what is typed reaches the command', async () => {
    const { v, token } = await vaultWithToken();
    const live = inTerminal(v, 'process.stdout.write("Name? "); process.stdin.once("data", (d) => { console.log("hi " + String(d).trim() + " " + process.env.NOTION_TOKEN); process.exit(4); });');
    await until('the prompt', () => live.seen().stdout.includes('Name? '), 10_000);
    live.type('bob\r');
    const r = await live.done;
    expect(r.code).toBe(4);
    expect(r.stdout).toContain(`hi bob ${CONCEALED}`);
    expectNothingOf(token, r.stdout);
  });

  it('a command that does not exist is exit 2 with one line, as without a terminal', async () => {
    const { v } = await vaultWithToken();
    const live = startLive('script', ['-qec', `${process.execPath} ${CLI} run acme -- no-such-command-notion-vault-test`, '/dev/null'], v.env);
    const r = await live.done;
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe('notion-vault: Cannot run "no-such-command-notion-vault-test": no such command; check the name or PATH.');
  });
});

interface Live {
  seen: () => { stdout: string; stderr: string };
  type: (text: string) => void;
  signal: (signal: NodeJS.Signals) => void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * A command running with its stdin open, for tests that answer what it prints or signal it. Its
 * output is recorded as bytes: `script` and a terminal add controls of their own.
 */
function startLive(file: string, args: readonly string[], env: Record<string, string>): Live {
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => undefined);
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      recordOutput([file, ...args], Buffer.from(stdout), stderr);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    seen: () => ({ stdout, stderr }),
    type: (text) => { child.stdin.write(text); },
    signal: (signal) => { child.kill(signal); },
    done,
  };
}
