// What the main-process tests share: the built entry they load under the fake `electron`, the
// renderer URL its window trusts, and the one window and tray a running app has.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { fake, type FakeBrowserWindow, type FakeInvokeEvent, type FakeTray } from './fake-electron';

export const MAIN_ENTRY = resolve('out/main/index.js');
export const RENDERER_URL = pathToFileURL(resolve('out/renderer/index.html')).href;

export function theWindow(): FakeBrowserWindow {
  expect(fake.windows).toHaveLength(1);
  const [window] = fake.windows;
  if (window === undefined) throw new Error('no window');
  return window;
}

export function onlyTray(): FakeTray {
  expect(fake.trays).toHaveLength(1);
  const [tray] = fake.trays;
  if (tray === undefined) throw new Error('no tray');
  return tray;
}

/** An invoke event as Electron builds it for the window's own top frame. */
export function trustedEvent(window: FakeBrowserWindow = theWindow()): FakeInvokeEvent {
  return { sender: { id: window.webContents.id }, senderFrame: { url: RENDERER_URL, parent: null } };
}
