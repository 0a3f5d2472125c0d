import type { EntrySummary } from '../../electron/common/ipc-contract';
import { plural } from '../../electron/common/status';

/** What to do about an entry, in the window's words (the CLI says `notion-vault rotate`; here it is the Rotate button). */
export function statusAdvice(entry: EntrySummary): string {
  switch (entry.shownStatus) {
    case 'expired':
      return 'This token has expired: create a new one in Notion, then Rotate.';
    case 'invalid':
      return 'Notion rejected this token: create a new one and Rotate.';
    case 'expiring':
      return `It expires in ${plural(Math.max(entry.daysLeft ?? 0, 0), 'day')}: create a new token in Notion soon, then Rotate.`;
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
