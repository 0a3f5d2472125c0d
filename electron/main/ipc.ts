import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type Envelope, type EventName, type IpcEvents } from '../common/ipc-contract';
import { answer } from '../core/app/ipc-answer';
import type { Handlers } from '../core/app/vault-handlers';

/**
 * The only place that touches ipcMain. Every channel of the contract gets its handler; each call is
 * refused unless it comes from our own window's top frame, and errors travel back as one line.
 */
export function registerIpc(handlers: Handlers, isTrusted: (event: IpcMainInvokeEvent) => boolean, log: (line: string) => void): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!isTrusted(event)) {
        log(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'an unknown sender'}`);
        return { ok: false, message: 'Refused: this window may not talk to the vault.' };
      }
      return answer(handlers, channel, args, log);
    });
  }
}

export function sendEvent<E extends EventName>(contents: WebContents, event: E, ...args: Parameters<IpcEvents[E]>): void {
  if (!contents.isDestroyed()) contents.send(event, ...args);
}
