import { EXIT, type ExitCode } from '../../core/errors';
import type { AccessRecord } from '../../core/handout/access-record';
import { parseDateFlag } from '../../core/vault/token-dates';
import type { Context } from '../context';
import { field, table } from '../format';

/** The access log: every time a secret left the vault, oldest first. */
export async function log(ctx: Context, name: string | undefined, flags: { since?: string; json?: boolean }): Promise<ExitCode> {
  const since = flags.since === undefined ? null : parseDateFlag('--since', flags.since).toISOString();
  let records = await ctx.accessLog.read();
  if (name !== undefined) {
    // The entry as it is named now (its lines under older names too), or a removed one by the name it had.
    const entry = (await ctx.vault.entries()).find((e) => e.name === name);
    records = records.filter((r) => (entry ? r.entryId === entry.id : r.name === name));
  }
  if (since !== null) records = records.filter((r) => Date.parse(r.at) >= Date.parse(since));
  if (flags.json) {
    ctx.json({ accesses: records });
    return EXIT.ok;
  }
  if (records.length === 0) {
    ctx.print(name === undefined && since === null ? 'No token has been handed out yet.\n' : 'No hand-out matches.\n');
    return EXIT.ok;
  }
  ctx.print(table(['TIME', 'TOKEN', 'ACTION', 'PROGRAM', 'PID', 'REQUEST'], records.map(row)));
  return EXIT.ok;
}

function row(r: AccessRecord): string[] {
  const request = r.request ? `${r.request.method} ${r.request.path} ${String(r.request.status)} ${String(Math.round(r.request.ms))} ms` : '';
  return [r.at.replace(/\.\d{3}Z$/, 'Z'), field(r.name), r.action, field(r.program), r.pid === null ? '-' : String(r.pid), field(request, '')];
}
