import { EXIT, type ExitCode } from '../../core/errors';
import { rotateToken } from '../../core/vault/rotate-token';
import { assertDateFlags, type ExpiryFlags } from '../../core/vault/token-dates';
import type { Context } from '../context';
import { describeEntry } from '../format';
import { readSecret } from '../read-secret';

/** Replace an entry's secret with a new token for the same workspace (new secret on stdin). */
export async function rotate(ctx: Context, name: string, flags: ExpiryFlags & { check: boolean; json?: boolean }): Promise<ExitCode> {
  assertDateFlags(flags, ctx.clock()); // before reading stdin or asking Notion
  const secret = ctx.remember(await readSecret());
  const say = { giveExpiry: 'pass --expires or --expires-in', skipCheck: 'pass --no-check to rotate without a check' };
  const result = await rotateToken({ vault: ctx.vault, probe: () => ctx.store.probe(), client: () => ctx.client(), clock: ctx.clock, say }, name, secret, flags);
  if ('refused' in result) {
    ctx.warn(`Not rotated: ${result.refused}`);
    return EXIT.attention;
  }
  for (const warning of result.warnings) ctx.warn(warning);
  if (flags.json) ctx.json(result.stored);
  else ctx.print(`Rotated ${describeEntry(result.stored)}. Revoke the old token in Notion if it still works.\n`);
  return EXIT.ok;
}
