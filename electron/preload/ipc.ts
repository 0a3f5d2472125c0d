import { ipcRenderer } from 'electron';
import { CHANNELS, EVENTS, apiName, type Envelope, type EventName, type IpcEvents, type VaultApi } from '../common/ipc-contract';

/** `window.vault`, derived from the contract: one async function per channel, and `on` for main's events. */
export function buildApi(): VaultApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[apiName(channel)] = async (...args: unknown[]) => {
      const reply = (await ipcRenderer.invoke(channel, ...args)) as Envelope<unknown>;
      if (!reply.ok) throw new Error(reply.message);
      return reply.value;
    };
  }
  api.on = <E extends EventName>(event: E, listener: IpcEvents[E]): (() => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`No such event: ${event}`);
    const wrapped = (_event: Electron.IpcRendererEvent, ...args: unknown[]): void => { (listener as (...a: unknown[]) => void)(...args); };
    ipcRenderer.on(event, wrapped);
    return () => { ipcRenderer.removeListener(event, wrapped); };
  };
  return api as VaultApi;
}
