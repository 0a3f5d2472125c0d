import { app } from './app';
import { fake, platform } from './state';

/** Electron's ClipboardItem: MIME type (or custom format) → payload. */
export class FakeClipboardItem {
  readonly types: string[];

  constructor(readonly items: Record<string, string | Blob | Promise<string | Blob>>) {
    this.types = Object.keys(items);
  }
}

/**
 * In a native Wayland session a client sets or reads the selection only with keyboard focus (the
 * compositor checks the input serial of wl_data_device.set_selection:
 * https://wayland.app/protocols/wayland#wl_data_device:request:set_selection); Electron 38 and
 * later run natively there unless started with --ozone-platform=x11. Such a write is dropped without an error.
 */
function waylandDenies(): boolean {
  const wayland = platform() === 'linux' && Boolean(process.env.WAYLAND_DISPLAY) && app.commandLine.getSwitchValue('ozone-platform') !== 'x11';
  return wayland && !fake.windows.some((w) => !w.isDestroyed() && w.isFocused());
}

const textOf = async (value: string | Blob | Promise<string | Blob> | undefined): Promise<string> => {
  const resolved = await value;
  return resolved === undefined ? '' : typeof resolved === 'string' ? resolved : await resolved.text();
};

function record(text: string, formats: Record<string, string>): void {
  const dropped = waylandDenies();
  fake.clipboard.writes.push({ text, at: Date.now(), by: 'app', formats, ...(dropped ? { dropped } : {}) });
  if (dropped) return;
  fake.clipboard.text = text;
  fake.clipboard.formats = formats;
}

/** Electron 45's clipboard: promise-based, modelled after the W3C Clipboard API. */
export const clipboard = {
  readText(): Promise<string> {
    fake.clipboard.reads.push(Date.now());
    return Promise.resolve(waylandDenies() ? '' : fake.clipboard.text);
  },
  writeText(text: string): Promise<void> {
    record(text, { 'text/plain': text });
    return Promise.resolve();
  },
  /** All entries of one write are committed together. */
  async write(items: FakeClipboardItem[]): Promise<void> {
    const formats: Record<string, string> = {};
    for (const item of items) for (const type of item.types) formats[type] = await textOf(item.items[type]);
    record(formats['text/plain'] ?? '', formats);
  },
  clear(): void {
    record('', {});
  },
};
