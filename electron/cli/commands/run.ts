import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseEnv } from 'node:util';
import { errnoCode, usageError } from '../../core/errors';
import { chooseEntry, currentFolder } from '../../core/handout/folder-links';
import { envReference } from '../../core/handout/references';
import type { Context } from '../context';
import { HandOuts, type HandOutFlags } from '../hand-out';
import { runChild } from '../run/run-child';
import { variables } from './secrets';

export interface RunFlags extends HandOutFlags {
  env?: string[];
  envFile?: string[];
  /** false with --no-masking: the command gets the terminal as it is. */
  masking?: boolean;
  /** The command gets a placeholder, and a local proxy puts the token into its Notion requests. */
  proxy?: boolean;
}

/** An env file is a short list of settings: a bigger one is not one. */
const ENV_FILE_MAX = 2 ** 20;

/**
 * Run a command with tokens in its environment: NAME's (or the folder's default entry's) in its
 * variables, and every `notion-vault://` reference in the environment and the env files resolved.
 * What it prints is masked (every token handed to it, and an OAuth entry's refresh token). Exits
 * with the command's code.
 */
export async function run(ctx: Context, name: string | undefined, command: string[], flags: RunFlags): Promise<number> {
  const [file, ...args] = command;
  if (file === undefined) throw usageError('Say what to run after --, e.g. notion-vault run acme -- node script.js');
  const env: Record<string, string | undefined> = { ...process.env };
  for (const path of flags.envFile ?? []) Object.assign(env, await readEnvFile(path));

  const doc = await ctx.file.read();
  const folder = currentFolder();
  const handOuts = new HandOuts(ctx, flags);
  // Every reference resolves before the command starts: an unknown name starts nothing.
  const references = Object.entries(env).flatMap(([key, value]) => {
    const reference = value === undefined ? null : envReference(value);
    return reference === null ? [] : [{ key, entry: chooseEntry(doc, reference.name, folder).entry }];
  });
  // --proxy: no token goes to the command; a local proxy puts it into its requests (run-proxy.ts).
  if (flags.proxy) return (await import('./run-proxy')).runProxied(ctx, { entry: chooseEntry(doc, name ?? null, folder).entry, references, file, args, env, flags });
  for (const { key, entry } of references) env[key] = await handOuts.secret(entry);
  // With references alone, no NAME: they say what to hand out. Otherwise NAME, or the folder's default.
  if (name !== undefined || references.length === 0) {
    const { entry } = chooseEntry(doc, name ?? null, folder);
    const secret = await handOuts.secret(entry);
    for (const v of variables(flags.env, entry)) env[v] = secret;
  }

  const started = (pid: number | null): Promise<unknown> => handOuts.log('run', { program: basename(file), pid });
  return runChild({ file, args, env, secrets: handOuts.concealed(), masking: flags.masking !== false, started });
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
