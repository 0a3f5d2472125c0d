import { TOKENS_PAGE, noPagesAdvice, rejectedCause } from '../../common/advice';
import { forNotification } from '../../common/outside-text';
import { daysLeft, plural } from '../../common/status';
import type { Entry, Settings } from '../../common/types';
import { pendingThresholds } from './schedule';

export type NoticeKind = 'expiring' | 'expired' | 'invalid' | 'recovered' | 'no-pages';

/** Something a person should hear about one entry. */
export interface Notice {
  kind: NoticeKind;
  entryId: string;
  entryName: string;
  /** What it says in a few words ("expires in 7 days"), for the collapsed form. */
  short: string;
  title: string;
  body: string;
}

export interface Notification {
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
  /** The entry it is about, when it is about one (the app opens its details on click). */
  entryId: string | null;
}

/**
 * The expiry notice due now, if any, and the thresholds to record as announced. When several
 * thresholds have passed unannounced (the app was off), only the most urgent one is said.
 */
export function expiryNotice(entry: Entry, now: Date, settings: Settings): { notice: Notice | null; warned: number[] } | null {
  const crossed = pendingThresholds(entry, settings).filter(({ at }) => at <= now.getTime());
  if (crossed.length === 0 || entry.expiresAt === null) return null;
  const warned = [...entry.warned, ...crossed.map(({ days }) => days)].sort((a, b) => b - a);
  const where = workspace(entry);
  const date = entry.expiresAt.slice(0, 10);
  if (crossed.some(({ days }) => days === 0)) {
    return {
      warned,
      notice: {
        kind: 'expired', entryId: entry.id, entryName: label(entry), short: 'expired',
        title: 'Notion token expired',
        body: `${label(entry)}${where} expired on ${date}; scripts using it now fail. Create a new token at ${TOKENS_PAGE}, then run: notion-vault rotate ${label(entry)}`,
      },
    };
  }
  // Notion rejects it already ("stopped working" said so): "expires in N days" would read as if it still worked.
  // The thresholds are taken silently; expiry itself is still announced.
  if (entry.status === 'invalid' || (entry.status === 'unknown' && entry.lastDecided?.status === 'invalid')) return { warned, notice: null };
  const left = Math.max(1, daysLeft(entry, now) ?? 1);
  return {
    warned,
    notice: {
      kind: 'expiring', entryId: entry.id, entryName: label(entry), short: `expires in ${plural(left, 'day')}`,
      title: `Notion token expires in ${plural(left, 'day')}`,
      body: `${label(entry)}${where} expires on ${date}. Create a new token at ${TOKENS_PAGE}, then run: notion-vault rotate ${label(entry)}`,
    },
  };
}

/** Notices caused by a check: a token that stopped working, or that no longer sees any page. */
export function checkNotices(before: Entry, after: Entry, expired: boolean): Notice[] {
  const notices: Notice[] = [];
  const where = workspace(after);
  // An expired PAT gets the expiry notice instead: one cause, one message.
  if (after.status === 'invalid' && before.lastDecided?.status !== 'invalid' && !expired) {
    notices.push({
      kind: 'invalid', entryId: after.id, entryName: label(after), short: 'stopped working',
      title: 'Notion token stopped working',
      // A connection's check message already names the way back: connect again through its integration.
      body: after.integrationId != null && after.lastError !== null
        ? `${label(after)}${where}: ${forNotification(after.lastError.message)}`
        : `${label(after)}${where}: Notion rejects it (${rejectedCause(after.kind)}). Create a new one, then run: notion-vault rotate ${label(after)}`,
    });
  }
  // Once per recovery: lastDecided is valid from here on. A PAT a workspace policy blocked comes back like this.
  if (after.status === 'valid' && before.lastDecided?.status === 'invalid') {
    notices.push({
      kind: 'recovered', entryId: after.id, entryName: label(after), short: 'works again',
      title: 'Notion token works again',
      body: `${label(after)}${where}: Notion accepts it again; scripts using it work again.`,
    });
  }
  if (after.pagesShared === false && before.pagesShared !== false && after.status === 'valid') {
    notices.push({
      kind: 'no-pages', entryId: after.id, entryName: label(after), short: 'sees no pages',
      title: 'Notion token sees no pages',
      body: `${label(after)}${where} cannot see any page: ${noPagesAdvice(after.kind).fix}`,
    });
  }
  return notices;
}

/** One notification per notice, or a single one when several come at once. */
export function collapse(notices: readonly Notice[]): Notification[] {
  const urgency = (kinds: NoticeKind[]): Notification['urgency'] => (kinds.some((k) => k === 'expired' || k === 'invalid') ? 'critical' : 'normal');
  const [only] = notices;
  if (only === undefined) return [];
  if (notices.length === 1) return [{ title: only.title, body: only.body, urgency: urgency([only.kind]), entryId: only.entryId }];
  const names = new Set(notices.map((n) => n.entryName));
  const listed = notices.slice(0, 4).map((n) => `${n.entryName}: ${n.short}`);
  const more = notices.length > 4 ? `; and ${String(notices.length - 4)} more` : '';
  return [{
    title: `${plural(names.size, 'token')} need${names.size === 1 ? 's' : ''} attention`,
    body: `${listed.join('; ')}${more}. Run notion-vault status for details.`,
    urgency: urgency(notices.map((n) => n.kind)),
    entryId: names.size === 1 ? only.entryId : null,
  }];
}

// Names come from Notion or from a file anyone may edit: plain text, one line, short, in every notification.
const NAME_MAX = 60;
const label = (entry: Entry): string => forNotification(entry.name, NAME_MAX);
const workspace = (entry: Entry): string => (entry.workspaceName ? ` (${forNotification(entry.workspaceName, NAME_MAX)})` : '');
