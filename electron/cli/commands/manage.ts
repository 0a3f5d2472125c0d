import { EXIT, type ExitCode } from '../../core/errors';
import type { Context } from '../context';

export async function rename(ctx: Context, oldName: string, newName: string): Promise<ExitCode> {
  await ctx.vault.rename(oldName, newName);
  ctx.print(`Renamed ${oldName} to ${newName}.\n`);
  return EXIT.ok;
}

export async function remove(ctx: Context, name: string): Promise<ExitCode> {
  await ctx.store.probe();
  const removed = await ctx.vault.remove(name);
  ctx.print(`Removed ${removed.name}: its keychain item and its entry are gone. (The token still works in Notion until you revoke it there.)\n`);
  return EXIT.ok;
}
