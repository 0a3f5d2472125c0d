import { forTerminal } from '../../common/outside-text';
import { EXIT, type ExitCode } from '../../core/errors';
import { createDesktopNotifier } from '../../core/monitor/desktop-notifier';
import { Monitor } from '../../core/monitor/monitor';
import { watchVaultFile } from '../../core/vault/watch-vault';
import type { Context } from '../context';

/**
 * The monitor in the foreground: one log line per event, until SIGINT/SIGTERM.
 * `--once`: the checks and notifications that are due now, then exit (for cron).
 */
export async function watch(ctx: Context, flags: { once?: boolean }): Promise<ExitCode> {
  await ctx.store.probe();
  const clock = flags.once ? ctx.clock : ctx.runningClock();
  // One line per event, whatever a name or error text holds: cron mails and log files keep no escapes.
  const log = (line: string): void => { ctx.print(`${clock().toISOString()} ${forTerminal(line, LOG_MAX)}\n`); };
  const monitor = new Monitor({
    vault: ctx.vault,
    client: () => ctx.client(),
    notifier: createDesktopNotifier((problem) => { log(problem); }),
    clock,
    log,
  });
  if (flags.once) {
    const report = await monitor.runDue();
    if (report.checked.length === 0 && report.notified.length === 0) log('nothing due');
    return EXIT.ok;
  }

  // The CLI may change the vault while we watch: plan again from what is there.
  // Watch first, then start, so that no change after the "watching" line is missed.
  const unwatch = await watchVaultFile(ctx.file.path, () => { monitor.refresh().catch(() => undefined); }); // the monitor logs failures
  const first = await monitor.start().catch(() => null);
  log(`watching ${ctx.file.path}; next event ${first ? when(first.nextAt) : 'after a retry'}`);
  await new Promise<void>((resolve) => {
    const quit = (): void => { resolve(); };
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
  });
  unwatch();
  await monitor.stop();
  log('stopped');
  return EXIT.ok;
}

/** A log line names an entry, a workspace and a notification's text: all capped well below this. */
const LOG_MAX = 1_000;

const when = (at: number | null): string => (at === null ? 'none (no tokens)' : new Date(at).toISOString());
