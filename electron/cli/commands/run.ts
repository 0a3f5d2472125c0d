import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { basename } from 'node:path';
import { parseEnv } from 'node:util';
import type { Entry } from '../../common/types';
import { errnoCode, usageError } from '../../core/errors';
import { chooseEntry, currentFolder } from '../../core/handout/folder-links';
import { envReference } from '../../core/handout/references';
import type { Context } from '../context';
import { logHandOut, secretFor, type HandOutFlags } from '../hand-out';
import { variables } from './secrets';

export interface RunFlags extends HandOutFlags {
  env?: string[];
  envFile?: string[];
}

/** An env file is a short list of settings: a bigger one is not one. */
const ENV_FILE_MAX = 2 ** 20;

/**
 * Run a command with tokens in its environment: NAME's (or the folder's default entry's) in its
 * variables, and every `notion-vault://` reference in the environment and the env files resolved.
 * Exits with the command's code.
 */
export async function run(ctx: Context, name: string | undefined, command: string[], flags: RunFlags): Promise<number> {
  const [file, ...args] = command;
  if (file === undefined) throw usageError('Say what to run after --, e.g. notion-vault run acme -- node script.js');
  const env: Record<string, string | undefined> = { ...process.env };
  for (const path of flags.envFile ?? []) Object.assign(env, await readEnvFile(path));

  const doc = await ctx.file.read();
  const folder = currentFolder();
  const handed = new Map<string, { entry: Entry; secret: string }>();
  const secretOf = async (entry: Entry): Promise<string> => {
    const known = handed.get(entry.id);
    if (known) return known.secret;
    const secret = await secretFor(ctx, entry, flags);
    handed.set(entry.id, { entry, secret });
    return secret;
  };
  // Every reference resolves before the command starts: an unknown name starts nothing.
  const references = Object.entries(env).flatMap(([key, value]) => {
    const reference = value === undefined ? null : envReference(value);
    return reference === null ? [] : [{ key, entry: chooseEntry(doc, reference.name, folder).entry }];
  });
  for (const { key, entry } of references) env[key] = await secretOf(entry);
  // With references alone, no NAME: they say what to hand out. Otherwise NAME, or the folder's default.
  if (name !== undefined || references.length === 0) {
    const { entry } = chooseEntry(doc, name ?? null, folder);
    const secret = await secretOf(entry);
    for (const v of variables(flags.env, entry)) env[v] = secret;
  }

  return spawnChild(file, args, env, (pid) => Promise.all([...handed.values()].map(({ entry }) => logHandOut(ctx, entry, 'run', { program: basename(file), pid }))));
}

/** The child, with the terminal; signals that stop notion-vault are passed on to it. */
function spawnChild(file: string, args: string[], env: NodeJS.ProcessEnv, started: (pid: number | null) => Promise<unknown>): Promise<number> {
  const child = spawn(file, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => { child.kill(signal); };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  // The access log's lines are written before notion-vault exits with the child's code.
  let logged: Promise<unknown> = Promise.resolve();
  child.on('spawn', () => { logged = started(child.pid ?? null); });
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(usageError(error.code === 'ENOENT' ? `Cannot run "${file}": no such command; check the name or PATH.` : `Cannot run "${file}": ${error.code ?? error.message}.`));
    });
    child.on('exit', (code, signal) => {
      void logged.finally(() => { resolve(code ?? 128 + (signal ? constants.signals[signal] : 1)); });
    });
  });
}

/** A dotenv file (Node's own parser: what `node --env-file` reads), of settings and references. */
async function readEnvFile(path: string): Promise<Record<string, string | undefined>> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    const why = errnoCode(error) === 'ENOENT' ? 'no such file' : errnoCode(error) === 'EISDIR' ? 'it is a folder' : errnoCode(error) ?? String(error);
    throw usageError(`Cannot read --env-file ${path}: ${why}; check the path.`);
  });
  if (text.length > ENV_FILE_MAX) throw usageError(`--env-file ${path} is over 1 MB: it is not an env file.`);
  return parseEnv(text);
}
