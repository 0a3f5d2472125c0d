import type { Entry } from '../common/types';
import type { StoredToken } from '../core/oauth/token-pair';
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
 * The entry's keychain item as tokens (its access token, and a connected OAuth entry's refresh
 * token), to hand the access token out; both are remembered, so no message of this process shows
 * either. With --fresh it is checked first, as `check` does (an OAuth entry Notion rejects is
 * refreshed, under the same per-entry lock); a token Notion rejects or cannot judge is not handed out.
 */
export async function tokenFor(ctx: Context, entry: Entry, flags: HandOutFlags): Promise<StoredToken> {
  if (flags.fresh) {
    const { checkEntries } = await import('../core/check/check-entries');
    const [checked] = await checkEntries(ctx.vault, await ctx.client(), [entry], { clock: ctx.clock });
    const outcome = checked?.outcome;
    const name = outsideName(entry.name);
    if (outcome?.result === 'unauthorized') throw new VaultError(`Notion rejects "${name}" (${outcome.message}); nothing was handed out.`, EXIT.attention);
    if (outcome?.result === 'unknown') throw new VaultError(`Could not check "${name}" with Notion (${outcome.message}); nothing was handed out: try again, or leave out --fresh.`, EXIT.unreachable);
  }
  const token = await ctx.vault.token(entry);
  ctx.remember(token.access);
  if (token.refresh !== null) ctx.remember(token.refresh);
  return token;
}

/** The entry's access token, to hand out (tokenFor). */
export async function secretFor(ctx: Context, entry: Entry, flags: HandOutFlags): Promise<string> {
  return (await tokenFor(ctx, entry, flags)).access;
}

/**
 * The tokens one command hands out (run, inject): each entry's keychain item read once, however
 * many references name it, and an access-log line per entry once they have left.
 */
export class HandOuts {
  private readonly handed = new Map<string, { entry: Entry; token: StoredToken }>();

  constructor(private readonly ctx: Context, private readonly flags: HandOutFlags) {}

  async secret(entry: Entry): Promise<string> {
    const known = this.handed.get(entry.id) ?? { entry, token: await tokenFor(this.ctx, entry, this.flags) };
    this.handed.set(entry.id, known);
    return known.token.access;
  }

  /** What a command's output must not show: every token handed out, and the refresh tokens behind them (never handed out, but a program could find one in the keychain and print it). */
  concealed(): string[] {
    return [...this.handed.values()].flatMap(({ token }) => (token.refresh === null ? [token.access] : [token.access, token.refresh]));
  }

  log(action: HandOutAction, program: { program: string | null; pid: number | null }): Promise<unknown> {
    return Promise.all([...this.handed.values()].map(({ entry }) => logHandOut(this.ctx, entry, action, program)));
  }
}

/** One access-log line for a secret that left the vault. */
export async function logHandOut(ctx: Context, entry: Entry, action: HandOutAction, program: { program: string | null; pid: number | null }): Promise<void> {
  await ctx.accessLog.record({ entryId: entry.id, name: entry.name, action, ...program }, ctx.clock(), ctx.secretsSeen());
}
