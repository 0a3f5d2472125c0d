import { ClipboardItem, app, clipboard } from 'electron';
import type { ClipboardPort } from '../core/app/clipboard-guard';
import { findWlClipboard, wlClipboardPort } from '../core/app/wl-clipboard';

// Raw platform formats go through `electron application/osclipboard;format="<name>"`, written in
// the same clipboard.write() as the text, which commits them together
// (https://www.electronjs.org/docs/latest/api/clipboard#clipboardwritedata).
const raw = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** The "a password manager copied this: keep it out of history and sync" hints each platform reads. */
export function concealedFormats(platform: NodeJS.Platform): Record<string, string> {
  switch (platform) {
    // Any data in this format keeps the copy out of clipboard history (Win+V) and cloud sync:
    // https://learn.microsoft.com/en-us/windows/win32/dataxchg/clipboard-formats#cloud-clipboard-and-clipboard-history-formats
    case 'win32': return { [raw('ExcludeClipboardContentFromMonitorProcessing')]: '' };
    // Clipboard managers skip concealed items: http://nspasteboard.org
    case 'darwin': return { [raw('org.nspasteboard.ConcealedType')]: '' };
    // Klipper (KDE) and the managers that follow it skip an item carrying this hint, as KeePassXC writes it.
    default: return { [raw('x-kde-passwordManagerHint')]: 'secret' };
  }
}

export function electronClipboardPort(platform: NodeJS.Platform): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text, secret = true) => {
      if (text === '') {
        clipboard.clear();
        return Promise.resolve();
      }
      return clipboard.write([new ClipboardItem({ 'text/plain': text, ...(secret ? concealedFormats(platform) : {}) })]);
    },
  };
}

/**
 * Electron's clipboard, except in a native Wayland session, where a hidden window cannot reach it:
 * wl-clipboard there when installed (wl-clipboard.ts), else Electron's with a line in the log.
 */
export function appClipboard(log: (line: string) => void, platform: NodeJS.Platform = process.platform, env = process.env): ClipboardPort {
  // Electron 38 and later run natively on Wayland unless started with --ozone-platform=x11.
  const wayland = platform === 'linux' && Boolean(env.WAYLAND_DISPLAY) && app.commandLine.getSwitchValue('ozone-platform') !== 'x11';
  if (!wayland) return electronClipboardPort(platform);
  const tools = findWlClipboard(env);
  if (tools !== null) return wlClipboardPort(tools);
  log('clipboard: on Wayland, Copy from the tray needs wl-clipboard (apt install wl-clipboard); until then it works while the window has focus');
  return electronClipboardPort(platform);
}
