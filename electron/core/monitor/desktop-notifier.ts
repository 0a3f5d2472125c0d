import { forNotification, notificationMarkup } from '../../common/outside-text';
import type { Notification } from './notices';

export interface Notifier {
  /** Never throws: a desktop without notifications must not stop the monitor. */
  send(notification: Notification): Promise<void>;
}

const APP_NAME = 'Notion Token Vault';
const TITLE_MAX = 100;
const BODY_MAX = 400;

/**
 * Title and body as a notification server shows them: plain text, one line, capped. On Linux the
 * server may render body markup (the freedesktop spec's body-markup; notify-send and Electron's
 * libnotify pass the body as is), so `<`, `>` and `&` go as entities there; macOS and Windows
 * show text literally and would show the entities too.
 */
export function notificationText(title: string, body: string, platform: NodeJS.Platform = process.platform): { title: string; body: string } {
  const plain = forNotification(body, BODY_MAX);
  return { title: forNotification(title, TITLE_MAX), body: platform === 'linux' ? notificationMarkup(plain) : plain };
}

/**
 * Desktop notifications through node-notifier (notify-send on Linux). The first failure is
 * reported through `onProblem` with the fix; later ones are not repeated.
 */
export function createDesktopNotifier(onProblem: (message: string) => void, onClick?: (entryId: string | null) => void): Notifier {
  // Only macOS and Windows report clicks through node-notifier; notify-send cannot.
  const clickable = onClick !== undefined && (process.platform === 'darwin' || process.platform === 'win32');
  let reported = false;
  // node-notifier hands over an Error, or notify-send's stderr as a plain string.
  const report = (error: unknown): void => {
    if (reported) return;
    reported = true;
    onProblem(notifierFix(error instanceof Error ? error.message : String(error)));
  };
  return {
    async send(notification) {
      const { urgency, entryId } = notification;
      const { title, body } = notificationText(notification.title, notification.body);
      try {
        const { default: notifier } = await import('node-notifier');
        const options = { title, message: body, urgency, 'app-name': APP_NAME, wait: clickable } as Parameters<typeof notifier.notify>[0];
        // With wait, the callback comes when the notification is clicked or dismissed: do not hold the monitor for it.
        const done = new Promise<void>((resolve) => {
          notifier.notify(options, (error: unknown, response: unknown) => {
            if (error) report(error);
            else if (clickable && typeof response === 'string' && /activate|click/i.test(response)) onClick(entryId);
            resolve();
          });
        });
        if (!clickable) await done;
      } catch (error) {
        report(error);
      }
    },
  };
}

export function notifierFix(raw: string): string {
  if (/not found: notify-send|notify-send must be installed/i.test(raw)) {
    return 'Desktop notifications are off: notify-send is missing (install libnotify-bin).';
  }
  if (/org\.freedesktop\.Notifications/i.test(raw)) {
    return 'Desktop notifications are off: no notification service runs in this session (start your desktop\'s notification daemon).';
  }
  return `Desktop notifications failed (${raw.split('\n')[0]?.slice(0, 120) ?? ''}): check your desktop's notification settings.`;
}
