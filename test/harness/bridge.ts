// `window.vault` for a normal browser: the preload's API (electron/preload/ipc.ts), derived from the
// same contract, over HTTP to the harness instead of Electron's IPC. Bundled by the harness at
// start (esbuild) and served at /harness/bridge.js, before the renderer's own scripts.
//
// The key: read once from the printed URL (?key=…), dropped from the address bar at once, kept in
// this closure only, and sent in the X-Vault-Key header of every request (never a cookie, never a
// URL again). Reloading the page loses it: open the printed URL again.
import { CHANNELS, EVENTS, apiName, type Envelope, type EventName, type IpcEvents, type VaultApi } from '../../electron/common/ipc-contract';

export interface WireEvent {
  event: EventName;
  args: unknown[];
}

/** Same as guard.ts's KEY_HEADER (not imported: that module is Node's). */
const KEY_HEADER = 'X-Vault-Key';
/** Like EventSource's reconnection delay. */
const RETRY_MS = 3_000;

const refused = (what: string, status: number): Error =>
  new Error(`The dev:web harness refused ${what} (HTTP ${String(status)}): open the URL it printed again (a reload loses its key).`);

/** The key in the page's URL, which leaves the address bar (and the history entry) right away. */
export function takeKey(): string {
  const url = new URL(location.href);
  const key = url.searchParams.get('key') ?? '';
  if (url.searchParams.has('key')) {
    url.searchParams.delete('key');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return key;
}

/** Server-Sent Events, read from a fetch: EventSource cannot send a header. Calls `onData` with each message's data. */
async function readEvents(response: Response, onData: (data: string) => void): Promise<void> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replaceAll('\r\n', '\n');
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) onData(data.join('\n'));
    }
  }
}

export function buildHttpApi(key: string): VaultApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[apiName(channel)] = async (...args: unknown[]) => {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [KEY_HEADER]: key },
        body: JSON.stringify(args),
        cache: 'no-store',
        credentials: 'omit',
      });
      if (!response.ok) throw refused(channel, response.status);
      const reply = (await response.json()) as Envelope<unknown>;
      if (!reply.ok) throw new Error(reply.message);
      return reply.value;
    };
  }

  // Like ipcRenderer.on: one connection for every event, opened by the first subscription, and
  // opened again (like EventSource) when it drops; a refusal ends it.
  const listeners = new Map<EventName, Set<(...args: unknown[]) => void>>();
  let connected = false;
  const deliver = (data: string): void => {
    const { event, args } = JSON.parse(data) as WireEvent;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        // As from EventSource's onmessage: the page's error, not the stream's end.
        queueMicrotask(() => { throw error; });
      }
    }
  };
  const connect = async (): Promise<void> => {
    for (;;) {
      try {
        const response = await fetch('/events', { headers: { accept: 'text/event-stream', [KEY_HEADER]: key }, cache: 'no-store', credentials: 'omit' });
        if (response.status === 403) {
          console.error(refused('the event stream', response.status).message);
          return;
        }
        if (response.ok) await readEvents(response, deliver);
      } catch {
        // The connection dropped (the harness stopped, say): try again, as EventSource would.
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  };
  api.on = <E extends EventName>(event: E, listener: IpcEvents[E]): (() => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`No such event: ${event}`);
    const wrapped = (...args: unknown[]): void => { (listener as (...a: unknown[]) => void)(...args); };
    const set = listeners.get(event) ?? new Set();
    set.add(wrapped);
    listeners.set(event, set);
    if (!connected) {
      connected = true;
      void connect();
    }
    return () => { set.delete(wrapped); };
  };
  return Object.freeze(api) as VaultApi;
}

// The page's global; nothing to do where there is no window (a type import, a unit test).
if (typeof window !== 'undefined') Object.defineProperty(window, 'vault', { value: buildHttpApi(takeKey()), enumerable: true });
