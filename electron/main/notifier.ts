import { Notification } from 'electron';
import { notificationText, type Notifier } from '../core/monitor/desktop-notifier';

export interface AppNotifierOptions {
  /** The app's icon file (Linux, Windows; macOS shows the bundle's). */
  icon: string;
  onClick: (entryId: string | null) => void;
  log: (line: string) => void;
  /** node-notifier, for a system where Electron cannot notify. */
  fallback: Notifier;
  /** Told each title Electron showed ('show' event). */
  onShown?: (title: string) => void;
}

/**
 * The app's notifications through Electron's Notification: the app's own name and icon on every OS
 * (node-notifier's terminal-notifier is Intel-only and speaks for another bundle id on macOS,
 * mikaelbr/node-notifier#361; on Windows its toasts say "SnoreToast", #154 #332 #424), and a click
 * opens the entry. Where Notification.isSupported() says no, node-notifier as before.
 */
export function createAppNotifier({ icon, onClick, log, fallback, onShown }: AppNotifierOptions): Notifier {
  // https://www.electronjs.org/docs/latest/api/notification#notificationissupported
  if (!Notification.isSupported()) {
    log('notifications: Electron cannot notify on this system; using node-notifier');
    return fallback;
  }
  // A notification that is garbage-collected no longer reports its click: keep each until it closes.
  const live = new Set<Notification>();
  let failureTold = false;
  return {
    send({ title, body, urgency, entryId }) {
      // Text from outside reaches a notification as plain text: Electron passes no markup on macOS and
      // Windows, and libnotify servers render a subset, so the body goes as entities on Linux.
      const notification = new Notification({ ...notificationText(title, body), icon, urgency });
      live.add(notification);
      const forget = (): void => { live.delete(notification); };
      notification.on('click', () => {
        forget();
        onClick(entryId);
      });
      notification.on('close', forget);
      notification.on('show', () => { onShown?.(title); });
      // macOS emits 'failed' for an unsigned app (https://www.electronjs.org/docs/latest/tutorial/notifications#macos);
      // the notice still reaches the person through node-notifier.
      notification.on('failed', (_event, error) => {
        forget();
        if (!failureTold) log(`notifications: ${error}; falling back to node-notifier (a signed build notifies as itself)`);
        failureTold = true;
        void fallback.send({ title, body, urgency, entryId });
      });
      notification.show();
      return Promise.resolve();
    },
  };
}
