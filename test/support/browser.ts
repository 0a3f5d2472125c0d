import { chromium, type Browser, type BrowserContext } from 'playwright';

// Debian's Chromium, driven by Playwright (no browser download: `playwright install` is never run).
// Without the background-networking flags Chromium keeps trying to reach Google's services.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
  // Chromium asks the session's notification daemon for its capabilities at start; the tests' D-Bus has none that can run.
  '--disable-features=NativeNotifications,SystemNotifications',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ headless: true, executablePath: CHROMIUM_PATH, args: ARGS });
}

/** A fresh profile in the given colour scheme, sized like the vault window. */
export function newContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return browser.newContext({ colorScheme, viewport: { width: 960, height: 680 }, reducedMotion: 'reduce' });
}
