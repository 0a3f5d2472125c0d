import type { Args, Channel, Envelope } from '../../common/ipc-contract';
import { VaultError } from '../errors';
import type { Handlers } from './vault-handlers';

export const GENERIC_FAILURE = 'Something went wrong: try again; if it keeps happening, run notion-vault doctor.';

/**
 * One channel's handler, its outcome as the window receives it: the value, a VaultError's one
 * line, or (for anything unexpected, whose cause is logged and not sent) the generic line.
 * Shared by the Electron IPC wrapper and the browser harness, so both answer alike.
 */
export async function answer(handlers: Handlers, channel: Channel, args: readonly unknown[], log: (line: string) => void): Promise<Envelope<unknown>> {
  try {
    const handler = handlers[channel] as (...a: Args<Channel>) => Promise<unknown>;
    return { ok: true, value: await handler(...(args as Args<Channel>)) };
  } catch (error) {
    if (error instanceof VaultError) return { ok: false, message: error.message };
    log(`ipc: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, message: GENERIC_FAILURE };
  }
}
