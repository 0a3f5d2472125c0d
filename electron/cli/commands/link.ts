import { forTerminal } from '../../common/outside-text';
import { EXIT, type ExitCode } from '../../core/errors';
import { currentFolder, linkFolder, unlinkFolder } from '../../core/handout/folder-links';
import type { Context } from '../context';
import { field } from '../format';

/** Bind this folder (and the folders below it) to an entry: run, export, get and inject need no NAME here. */
export async function link(ctx: Context, name: string): Promise<ExitCode> {
  const folder = currentFolder();
  const entry = await linkFolder(ctx.file, name, folder, ctx.clock());
  ctx.print(`${forTerminal(folder, 200)} (and the folders below it) now uses ${field(entry.name)}: run, get, export and inject need no name here.\n`);
  return EXIT.ok;
}

export async function unlink(ctx: Context): Promise<ExitCode> {
  const removed = await unlinkFolder(ctx.file, currentFolder());
  ctx.print(`${forTerminal(removed.path, 200)} is no longer linked to a token.\n`);
  return EXIT.ok;
}
