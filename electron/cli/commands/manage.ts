import { EXIT, type ExitCode } from '../../core/errors';
import type { Context } from '../context';

export async function rename(ctx: Context, oldName: string, newName: string): Promise<ExitCode> {
  await ctx.vault.rename(oldName, newName);
  ctx.print(`Renamed ${oldName} to ${newName}.\n`);
  return EXIT.ok;
}

export async function remove(ctx: Context, name: string, flags: { revoke?: boolean } = {}): Promise<ExitCode> {
  await ctx.store.probe();
  if (flags.revoke) {
    const { revokeAndRemove } = await import('../../core/oauth/revoke');
    const { removed, alreadyDead } = await revokeAndRemove(ctx.vault, () => ctx.client(), name);
    ctx.print(`Removed ${removed.name}: ${alreadyDead ? 'Notion already considered its token dead' : 'Notion revoked its access'}, and its keychain item and entry are gone.\n`);
    return EXIT.ok;
  }
  const removed = await ctx.vault.remove(name);
  ctx.print(removed.integrationId == null
    ? `Removed ${removed.name}: its keychain item and its entry are gone. (The token still works in Notion until you revoke it there.)\n`
    : `Removed ${removed.name}: its keychain item and its entry are gone. Its access is still granted in Notion: revoke it there (Settings → Connections); \`notion-vault remove NAME --revoke\` revokes a connection and forgets it in one step.\n`);
  return EXIT.ok;
}
