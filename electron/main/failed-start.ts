import { app, dialog } from 'electron';
import { redactTokenShaped } from '../common/redact-log';
import type { AppLog } from '../core/app/log-file';

/**
 * A start that failed must not end in silence: a packaged app has no terminal. The dialog names
 * the log; the message has been through the log's redactor like every line.
 */
export function reportFailedStart(error: unknown, log: AppLog): void {
  const message = error instanceof Error ? error.message : String(error);
  log.line(`could not start: ${message}`);
  // showErrorBox is safe at any point of the lifecycle: https://www.electronjs.org/docs/latest/api/dialog#dialogshowerrorboxtitle-content
  dialog.showErrorBox('Notion Token Vault could not start', `${redactTokenShaped(message).text}\n\nThe log has the details: ${log.path}`);
  app.exit(1);
}
