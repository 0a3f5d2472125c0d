import type { EntrySummary } from '../../electron/common/ipc-contract';
import { plural } from '../../electron/common/status';

/**
 * What to do about an entry, in the window's words (the CLI says `notion-vault rotate`; here it is
 * the Rotate button). A connection made through a public integration cannot be rotated: it is
 * connected again instead (the Connect again button), which gives it new tokens in place.
 */
export function statusAdvice(entry: EntrySummary): string {
  const connected = entry.integrationId != null;
  switch (entry.shownStatus) {
    case 'expired':
      return connected
        ? 'This connection has expired: Connect again through the same integration and workspace.'
        : 'This token has expired: create a new one in Notion, then Rotate.';
    case 'invalid':
      return connected
        ? 'Notion rejected this connection and it cannot refresh itself: Connect again through the same integration and workspace.'
        : entry.kind === 'pat'
          ? 'Notion rejected this token. A workspace policy on personal access tokens can do that: it keeps being checked and works again once the policy allows it. Otherwise create a new one and Rotate.'
          : 'Notion rejected this token: create a new one and Rotate.';
    case 'expiring':
      return connected
        ? `It expires in ${plural(Math.max(entry.daysLeft ?? 0, 0), 'day')}: Connect again soon.`
        : `It expires in ${plural(Math.max(entry.daysLeft ?? 0, 0), 'day')}: create a new token in Notion soon, then Rotate.`;
    case 'unknown':
      return entry.lastDecided?.status === 'invalid'
        ? 'Notion rejected this token last time and could not be reached since: Check now when you are online.'
        : 'Notion could not be reached: Check now later.';
    case 'unchecked':
      return 'It has never been checked: Check now.';
    case 'valid':
      return 'Notion accepts this token.';
  }
}
