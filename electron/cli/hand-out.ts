import type { Entry } from '../common/types';
import { EXIT, VaultError } from '../core/errors';
import type { HandOutAction } from '../core/handout/access-record';
import { chooseEntry, currentFolder } from '../core/handout/folder-links';
import { outsideName } from '../common/outside-text';
import type { Context } from './context';

/** Flags every command that hands a secret out takes. */
export interface HandOutFlags {
  /** Check the token with Notion first (refreshing a rejected OAuth access token), then hand it out. */
  fresh?: boolean;
}

/** The entry a command without a NAME means: the folder's nearest link, else the only entry (folder-links.ts). */
export async function chosenEntry(ctx: Context, name: string | undefined): Promise<Entry> {
  if (name !== undefined) return ctx.vault.find(name);
  return chooseEntry(await ctx.file.read(), null, currentFolder()).entry;
}

/**
 * The entry's access token, to hand out. With --fresh it is checked first, as `check` does (an
 * OAuth entry Notion rejects is refreshed, under the same per-entry lock); a token Notion rejects
 * or cannot judge is not handed out.
 */
export async function secretFor(ctx: Context, entry: Entry, flags: HandOutFlags): Promise<string> {
  if (flags.fresh) {
    const { checkEntries } = await import('../core/check/check-entries');
    const [checked] = await checkEntries(ctx.vault, await ctx.client(), [entry], { clock: ctx.clock });
    const outcome = checked?.outcome;
    const name = outsideName(entry.name);
    if (outcome?.result === 'unauthorized') throw new VaultError(`Notion rejects "${name}" (${outcome.message}); nothing was handed out.`, EXIT.attention);
    if (outcome?.result === 'unknown') throw new VaultError(`Could not check "${name}" with Notion (${outcome.message}); nothing was handed out: try again, or leave out --fresh.`, EXIT.unreachable);
  }
  return ctx.remember(await ctx.vault.secret(entry));
}

/** One access-log line for a secret that left the vault. */
export async function logHandOut(ctx: Context, entry: Entry, action: HandOutAction, program: { program: string | null; pid: number | null }): Promise<void> {
  await ctx.accessLog.record({ entryId: entry.id, name: entry.name, action, ...program }, ctx.clock(), ctx.secretsSeen());
}
