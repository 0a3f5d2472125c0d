import { lstat, readFile } from 'node:fs/promises';
import { forTerminal } from '../../common/outside-text';
import { EXIT, errnoCode, usageError, type ExitCode } from '../../core/errors';
import { chooseEntry, currentFolder } from '../../core/handout/folder-links';
import { parentProgram } from '../../core/handout/parent-program';
import { templateReferences } from '../../core/handout/references';
import { writeFileExclusive } from '../../core/vault/atomic-write';
import { fileError } from '../../core/vault/data-folder';
import type { Context } from '../context';
import { HandOuts, type HandOutFlags } from '../hand-out';

export interface InjectFlags extends HandOutFlags {
  input: string;
  output?: string;
  force?: boolean;
}

/** A template is a config file: a bigger one is not one. */
const TEMPLATE_MAX = 10 * 2 ** 20;

/**
 * Fill `{{ notion-vault://NAME }}` in a template (an MCP client's config, a .env, a YAML) with the
 * tokens. Every reference resolves before anything is written; OUT is written 0600, atomically,
 * and never over an existing file without --force.
 */
export async function inject(ctx: Context, flags: InjectFlags): Promise<ExitCode> {
  const template = await readTemplate(flags.input);
  const found = templateReferences(template);
  if (flags.output !== undefined && !flags.force && (await exists(flags.output))) {
    throw usageError(`${forTerminal(flags.output, 200)} already exists: pass --force to replace it, or choose another -o.`);
  }
  const doc = await ctx.file.read();
  const folder = currentFolder();
  const entries = found.map(({ reference }) => chooseEntry(doc, reference.name, folder).entry);
  const handOuts = new HandOuts(ctx, flags);
  const secrets: string[] = [];
  for (const entry of entries) secrets.push(await handOuts.secret(entry));
  let text = '';
  let at = 0;
  found.forEach(({ start, end }, i) => {
    text += template.slice(at, start) + (secrets[i] ?? '');
    at = end;
  });
  text += template.slice(at);

  await handOuts.log('inject', parentProgram());
  if (flags.output === undefined) {
    ctx.out.write(text);
    return EXIT.ok;
  }
  await writeFileExclusive(flags.output, text, 0o600).catch((error: unknown) => { throw fileError(error, flags.output ?? ''); });
  ctx.print(`Wrote ${forTerminal(flags.output, 200)} (mode 600) with ${String(found.length)} reference${found.length === 1 ? '' : 's'} filled${found.length === 0 ? ': the template has none ({{ notion-vault://NAME }})' : ''}.\n`);
  return EXIT.ok;
}

async function readTemplate(path: string): Promise<string> {
  const info = await lstat(path).catch(() => null);
  if (info === null) throw usageError(`Cannot read the template ${forTerminal(path, 200)}: no such file; check -i.`);
  if (!info.isFile() && !info.isSymbolicLink()) throw usageError(`Cannot read the template ${forTerminal(path, 200)}: it is not a file; check -i.`);
  if (info.size > TEMPLATE_MAX) throw usageError(`The template ${forTerminal(path, 200)} is over 10 MB: it is not a config file.`);
  return readFile(path, 'utf8').catch((error: unknown) => { throw usageError(`Cannot read the template ${forTerminal(path, 200)}: ${errnoCode(error) ?? String(error)}; check -i.`); });
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);
