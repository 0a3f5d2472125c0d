import { nameProblem } from '../../common/names';
import type { TokenKind } from '../../common/types';
import { EXIT, usageError, type ExitCode } from '../../core/errors';
import { addToken, type Phrasing } from '../../core/vault/add-token';
import { assertDateFlags, type ExpiryFlags } from '../../core/vault/token-dates';
import type { Context } from '../context';
import { describeEntry } from '../format';
import { readSecret } from '../read-secret';

export interface AddFlags extends ExpiryFlags {
  name?: string;
  kind?: TokenKind;
  workspace?: string;
  check: boolean;
  json?: boolean;
}

const CLI_PHRASING: Phrasing = {
  chooseKind: (kind) => `pass --kind ${kind}`,
  giveExpiry: 'pass --expires or --expires-in',
  checkLater: (name) => `run \`notion-vault check ${name}\` later`,
};

/** Store a token read from stdin, after checking it with Notion (core/vault/add-token.ts). */
export async function add(ctx: Context, flags: AddFlags): Promise<ExitCode> {
  const { json, ...request } = flags;
  const problem = request.name === undefined ? null : nameProblem(request.name);
  if (problem !== null) throw usageError(problem); // before reading stdin or asking Notion
  assertDateFlags(request, ctx.clock());
  const secret = ctx.remember(await readSecret());
  const result = await addToken({ vault: ctx.vault, probe: () => ctx.store.probe(), client: () => ctx.client(), clock: ctx.clock, say: CLI_PHRASING }, { ...request, secret });
  if ('refused' in result) {
    ctx.warn(`Not stored: ${result.refused}`);
    return EXIT.attention;
  }
  if (json) ctx.json(result.stored);
  else ctx.print(`Stored ${describeEntry(result.stored)}.\n`);
  for (const warning of result.warnings) ctx.warn(warning);
  return EXIT.ok;
}
