// `window.vault` for a normal browser: the preload's API (electron/preload/ipc.ts), derived from the
// same contract, over HTTP to the harness instead of Electron's IPC. Bundled by the harness at
// start (esbuild) and served at /harness/bridge.js, before the renderer's own scripts.
import { CHANNELS, EVENTS, apiName, type Envelope, type EventName, type IpcEvents, type VaultApi } from '../../electron/common/ipc-contract';

export interface WireEvent {
  event: EventName;
  args: unknown[];
}

export function buildHttpApi(): VaultApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[apiName(channel)] = async (...args: unknown[]) => {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`The dev:web harness refused ${channel} (HTTP ${String(response.status)}): reopen the URL it printed.`);
      const reply = (await response.json()) as Envelope<unknown>;
      if (!reply.ok) throw new Error(reply.message);
      return reply.value;
    };
  }

  // Like ipcRenderer.on: one connection for every event, opened by the first subscription.
  const listeners = new Map<EventName, Set<(...args: unknown[]) => void>>();
  let source: EventSource | null = null;
  const connect = (): EventSource => {
    const events = new EventSource('/events');
    events.onmessage = (message: MessageEvent<string>) => {
      const { event, args } = JSON.parse(message.data) as WireEvent;
      for (const listener of [...(listeners.get(event) ?? [])]) listener(...args);
    };
    return events;
  };
  api.on = <E extends EventName>(event: E, listener: IpcEvents[E]): (() => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`No such event: ${event}`);
    const wrapped = (...args: unknown[]): void => { (listener as (...a: unknown[]) => void)(...args); };
    const set = listeners.get(event) ?? new Set();
    set.add(wrapped);
    listeners.set(event, set);
    source ??= connect();
    return () => { set.delete(wrapped); };
  };
  return Object.freeze(api) as VaultApi;
}

// The page's global; nothing to do where there is no window (a type import, a unit test).
if (typeof window !== 'undefined') Object.defineProperty(window, 'vault', { value: buildHttpApi(), enumerable: true });
