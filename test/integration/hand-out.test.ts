// Handing tokens to programs (issue: references, inject, per-folder links, env names, mcp): the
// built CLI as a subprocess, the real keychain, the emulator. Children report a hash of what they
// got, never the token, so every output here joins the suite's leak scan.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeToken, makeVaultEnv, runCli, type CliResult, type RunOptions, type VaultEnv } from '../support/cli';
import { useSharedEmulator } from '../support/shared-emulator';

const notion = useSharedEmulator();

function vault(extra: Record<string, string> = {}): VaultEnv {
  const v = makeVaultEnv({ NOTION_API_BASE_URL: notion().url, ...extra });
  mkdirSync(v.home, { recursive: true, mode: 0o700 });
  return v;
}

const cli = (v: VaultEnv, args: readonly string[], options: RunOptions = {}): Promise<CliResult> => runCli(args, { ...options, env: { ...v.env, ...options.env } });

/** Stores a token the emulator accepts under `name`; returns the token. */
async function stored(v: VaultEnv, name: string, workspaceName = 'Acme'): Promise<string> {
  const token = fakeToken();
  notion().setToken(token, { identity: 'internal', workspaceName });
  const r = await cli(v, ['add', '--name', name], { input: `${token}\n` });
  if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}`);
  return token;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A child that prints `VAR=<hash of its value>` (or `VAR=unset`) for each variable named. */
const hashesOf = (...names: string[]): string[] => [
  process.execPath, '-e',
  'const c=require("crypto");for(const k of process.argv.slice(1))console.log(k+"="+(process.env[k]===undefined?"unset":c.createHash("sha256").update(process.env[k]).digest("hex").slice(0,16)))',
  ...names,
];

/** A folder of the test's own, real path (links record real paths). */
function folder(v: VaultEnv, ...parts: string[]): string {
  const path = join(v.home, '..', `${v.service}-work`, ...parts);
  mkdirSync(path, { recursive: true });
  return realpathSync(path);
}

describe.concurrent('secret references in run', () => {
  it('resolves notion-vault://NAME in the inherited environment; with references alone no NAME is needed', async () => {
    const v = vault();
    await stored(v, 'acme');
    const beta = await stored(v, 'beta', 'Beta');
    const r = await cli(v, ['run', '--', ...hashesOf('NOTION_TOKEN', 'OTHER')], { env: { NOTION_TOKEN: 'notion-vault://beta', OTHER: 'see notion-vault://beta' } });
    expect(r.code, r.stderr).toBe(0);
    // A value that only contains the prefix is left as it is.
    expect(r.stdout).toBe(`NOTION_TOKEN=${hash(beta)}\nOTHER=${hash('see notion-vault://beta')}\n`);
  });

  it('reads one and two env files (the later wins), and NAME still sets its own variables', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    const beta = await stored(v, 'beta', 'Beta');
    const dir = folder(v);
    writeFileSync(join(dir, 'one.env'), '# committed: holds no secret\nFIRST=notion-vault://acme\nPLAIN="just text"\nSHARED=notion-vault://acme\n');
    writeFileSync(join(dir, 'two.env'), 'SHARED=notion-vault://beta\n');
    const one = await cli(v, ['run', '--env-file', 'one.env', '--', ...hashesOf('FIRST', 'PLAIN', 'NOTION_TOKEN')], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe(`FIRST=${hash(acme)}\nPLAIN=${hash('just text')}\nNOTION_TOKEN=unset\n`);
    const two = await cli(v, ['run', 'beta', '--env-file', 'one.env', '--env-file', 'two.env', '--', ...hashesOf('FIRST', 'SHARED', 'NOTION_API_KEY')], { cwd: dir });
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(`FIRST=${hash(acme)}\nSHARED=${hash(beta)}\nNOTION_API_KEY=${hash(beta)}\n`);
  });

  it('masks every token it handed out, references and NAME alike, in what the command prints', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    const beta = await stored(v, 'beta', 'Beta');
    const r = await cli(v, ['run', 'acme', '--', 'sh', '-c', 'echo "$NOTION_TOKEN $REF"; echo "$REF" >&2'], { env: { REF: 'notion-vault://beta' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('<concealed by notion-vault> <concealed by notion-vault>\n');
    expect(r.stderr).toBe('<concealed by notion-vault>\n');
    expect(r.stdout + r.stderr).not.toContain(acme.slice(4, 20));
    expect(r.stdout + r.stderr).not.toContain(beta.slice(4, 20));
  });

  it('an unknown name, a malformed reference or a refresh-token request: exit 2, and the command never starts', async () => {
    const v = vault();
    await stored(v, 'acme');
    const marker = join(folder(v), 'started');
    const child = [process.execPath, '-e', `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`];
    for (const [value, says] of [
      ['notion-vault://nope', /No token is named "nope"/],
      ['notion-vault://bad name', /is not a reference: write notion-vault:\/\/NAME/],
      ['notion-vault://acme/refresh_token', /refresh tokens are never handed out/],
    ] as const) {
      const r = await cli(v, ['run', 'acme', '--', ...child], { env: { MY_TOKEN: value } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(marker)).toBe(false);
    }
    // A file it cannot read is refused by Node.js itself before notion-vault starts (nodejs/node#54232): still nothing runs.
    const missing = await cli(v, ['run', '--env-file', 'nowhere.env', 'acme', '--', ...child]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nowhere.env: not found');
    expect(existsSync(marker)).toBe(false);
  });
});

describe.concurrent('inject', () => {
  const TEMPLATE = 'servers:\n  notion:\n    token: "{{ notion-vault://acme }}"\n    other: {{notion-vault://beta}}\n    again: {{  notion-vault://acme  }}\n';

  it('fills a new file, mode 600, with exactly the template and the tokens; refuses to overwrite it without --force', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    const beta = await stored(v, 'beta', 'Beta');
    const dir = folder(v);
    writeFileSync(join(dir, 'config.tpl'), TEMPLATE);
    const r = await cli(v, ['inject', '-i', 'config.tpl', '-o', 'config.yml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Wrote config.yml (mode 600) with 3 references filled.\n');
    const out = join(dir, 'config.yml');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toBe(`servers:\n  notion:\n    token: "${acme}"\n    other: ${beta}\n    again: ${acme}\n`);

    writeFileSync(out, 'mine');
    const again = await cli(v, ['inject', '-i', 'config.tpl', '-o', 'config.yml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('notion-vault: config.yml already exists: pass --force to replace it, or choose another -o.\n');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = await cli(v, ['inject', '-i', 'config.tpl', '-o', 'config.yml', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(beta);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    rmSync(out); // holds the tokens by design: the suite's leak scan reads every file left
  });

  it('writes nothing when a reference cannot be filled: unknown name, malformed, refresh token', async () => {
    const v = vault();
    await stored(v, 'acme');
    const dir = folder(v);
    for (const [template, says] of [
      ['a: {{ notion-vault://acme }}\nb: {{ notion-vault://ghost }}\n', /No token is named "ghost"/],
      ['a: {{ notion-vault://acme }}\nb: {{ notion-vault://acme\n', /Line 2 has a malformed reference/],
      ['a: {{ notion-vault://acme/refresh }}\n', /refresh tokens are never handed out/],
    ] as const) {
      writeFileSync(join(dir, 'bad.tpl'), template);
      const toFile = await cli(v, ['inject', '-i', 'bad.tpl', '-o', 'out.txt'], { cwd: dir });
      expect(toFile.code).toBe(2);
      expect(toFile.stderr).toMatch(says);
      expect(existsSync(join(dir, 'out.txt'))).toBe(false);
      const toStdout = await cli(v, ['inject', '-i', 'bad.tpl'], { cwd: dir });
      expect(toStdout.code).toBe(2);
      expect(toStdout.stdout).toBe('');
    }
  });
});

describe.concurrent('per-folder links', () => {
  it('the nearest linked folder wins; unlink falls back to the parent; status says which applies and why', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    const beta = await stored(v, 'beta', 'Beta');
    const top = folder(v, 'project');
    const inner = folder(v, 'project', 'service');
    const deep = folder(v, 'project', 'service', 'src', 'lib');
    expect((await cli(v, ['link', 'acme'], { cwd: top })).code).toBe(0);
    const linked = await cli(v, ['link', 'beta'], { cwd: inner });
    expect(linked.stdout).toBe(`${inner} (and the folders below it) now uses beta: run, get, export and inject need no name here.\n`);

    const inDeep = await cli(v, ['run', '--', ...hashesOf('NOTION_TOKEN')], { cwd: deep });
    expect(inDeep.stdout).toBe(`NOTION_TOKEN=${hash(beta)}\n`);
    const exported = await cli(v, ['export', '--format', 'json'], { cwd: top, printsSecret: true });
    expect(JSON.parse(exported.stdout)).toEqual({ NOTION_TOKEN: acme, NOTION_API_KEY: acme });
    const status = await cli(v, ['status'], { cwd: deep });
    expect(status.stdout).toContain(`Here, without a name: beta (linked at ${inner}).`);

    const notOwn = await cli(v, ['unlink'], { cwd: deep });
    expect(notOwn.code).toBe(2);
    expect(notOwn.stderr).toBe(`notion-vault: ${deep} has no link of its own; it uses the link of ${inner}: run notion-vault unlink there.\n`);
    expect((await cli(v, ['unlink'], { cwd: inner })).code).toBe(0);
    const after = await cli(v, ['get'], { cwd: deep, printsSecret: true });
    expect(after.stdout).toBe(acme);
  });

  it('a link to a removed entry is a clear error; one entry is the default; several without a link list the choices', async () => {
    const v = vault();
    await stored(v, 'acme');
    const dir = folder(v, 'app');
    const only = await cli(v, ['run', '--', ...hashesOf('NOTION_TOKEN')], { cwd: dir });
    expect(only.code, only.stderr).toBe(0);
    expect((await cli(v, ['status'], { cwd: dir })).stdout).toContain('Here, without a name: acme (the only token).');

    await stored(v, 'beta', 'Beta');
    const several = await cli(v, ['get'], { cwd: dir });
    expect(several.code).toBe(2);
    expect(several.stdout).toBe('');
    expect(several.stderr).toBe('notion-vault: Say which token (acme, beta), or bind this folder to one: notion-vault link NAME.\n');

    await cli(v, ['link', 'beta'], { cwd: dir });
    expect((await cli(v, ['remove', 'beta'])).code).toBe(0);
    const gone = await cli(v, ['get'], { cwd: dir });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(`notion-vault: ${dir} is linked to a token that was removed: link another (notion-vault link NAME) or run notion-vault unlink there.\n`);
  });
});

describe.concurrent('variable names and mcp', () => {
  it('env NAME VAR… is what run and export set, until --env or --reset', async () => {
    const v = vault();
    const acme = await stored(v, 'acme');
    expect((await cli(v, ['env', 'acme'])).stdout).toBe('acme sets NOTION_TOKEN NOTION_API_KEY (the default).\n');
    expect((await cli(v, ['env', 'acme', 'MY_NOTION', 'NOTION_TOKEN'])).code).toBe(0);
    const run = await cli(v, ['run', 'acme', '--', ...hashesOf('MY_NOTION', 'NOTION_TOKEN', 'NOTION_API_KEY')]);
    expect(run.stdout).toBe(`MY_NOTION=${hash(acme)}\nNOTION_TOKEN=${hash(acme)}\nNOTION_API_KEY=unset\n`);
    const exported = await cli(v, ['export', 'acme', '--format', 'json'], { printsSecret: true });
    expect(Object.keys(JSON.parse(exported.stdout) as object)).toEqual(['MY_NOTION', 'NOTION_TOKEN']);
    const overridden = await cli(v, ['run', 'acme', '--env', 'X', '--', ...hashesOf('X', 'MY_NOTION')]);
    expect(overridden.stdout).toBe(`X=${hash(acme)}\nMY_NOTION=unset\n`);
    expect((await cli(v, ['env', 'acme', '1BAD'])).code).toBe(2);
    await cli(v, ['env', 'acme', '--reset']);
    expect((await cli(v, ['env', 'acme'])).stdout).toContain('(the default)');
  });

  it.each(['claude', 'cursor', 'vscode'])('mcp --client %s prints a config with no secret that, run as the client runs it, gives the server NOTION_TOKEN', async (client) => {
    const v = vault();
    const acme = await stored(v, 'acme');
    // A stand-in for npx: the "server" asks Notion who it is with the NOTION_TOKEN it was given.
    const bin = folder(v, 'bin');
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\nexec "${process.execPath}" -e 'fetch(process.env.NOTION_API_BASE_URL + "/v1/users/me", { headers: { Authorization: "Bearer " + process.env.NOTION_TOKEN, "Notion-Version": "2026-03-11" } }).then((r) => console.log("users/me", r.status, process.argv.slice(1).join(" ")))' -- "$@"\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
    const printed = await cli(v, ['mcp', 'acme', '--client', client], { env });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).not.toContain(acme);
    const config = JSON.parse(printed.stdout) as Record<string, Record<string, { type?: string; command: string; args: string[] }>>;
    const servers = client === 'vscode' ? config.servers : config.mcpServers;
    const server = servers?.['notion-acme'];
    if (!server) throw new Error(`no server in ${printed.stdout}`);
    expect(server.type).toBe(client === 'vscode' ? 'stdio' : undefined);
    expect(server.args.slice(-2)).toEqual(['-y', '@notionhq/notion-mcp-server']);
    // As a client starts it: the command and args from the file, the vault's own environment.
    const [script, ...args] = server.args;
    expect(server.command).toBe(process.execPath);
    const started = await runCli(args, { env: { ...v.env, ...env } });
    expect(script).toBe(realpathSync('out/main/cli.js'));
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toBe('users/me 200 -y @notionhq/notion-mcp-server\n');
  });
});
