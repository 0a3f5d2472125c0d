import { outsideName } from '../../common/outside-text';
import { HISTORY_LIMIT, type Entry, type HistoryItem, type Settings } from '../../common/types';
import { scheduleAfter } from '../monitor/schedule';
import type { CheckOutcome } from './check-token';
import { storedCode, storedMessage } from './error-record';

export interface Applied {
  entry: Entry;
  /** Said when Notion reports another identity or workspace than the one stored. */
  drift: string | null;
}

/** The entry after a check, with the verdict in its history when it changed. */
export function applyCheck(entry: Entry, outcome: CheckOutcome, at: Date): Applied {
  const applied = retypeUnchecked(entry, outcome, applyVerdict(entry, outcome, at));
  const { status, lastError } = applied.entry;
  const retyped = applied.entry.kind !== entry.kind;
  const message = retyped ? RETYPED : status === 'valid' ? null : lastError?.message ?? null;
  const last = entry.history.at(-1);
  const changed = last?.status !== status || last.message !== message;
  return changed ? { ...applied, entry: withHistory(applied.entry, { at: at.toISOString(), event: 'checked', status, message }) } : applied;
}

const RETYPED = 'Notion says this is an internal integration secret, not a personal access token: it is kept as one, without an expiry.';

/**
 * An entry stored without a check (`add --no-check`) was taken as a PAT: when its first decided
 * check finds a workspace-owned bot, it is an internal integration, which never expires.
 * (A bot owned by a user may be a PAT or an OAuth token: that answer changes nothing.)
 */
function retypeUnchecked(entry: Entry, outcome: CheckOutcome, applied: Applied): Applied {
  if (entry.kind !== 'pat' || entry.lastDecided !== null || outcome.result !== 'ok' || outcome.me.owner !== 'workspace') return applied;
  return { ...applied, entry: { ...applied.entry, kind: 'internal', expiresAt: null, warned: [] } };
}

/** The entry with one more history item, keeping the newest HISTORY_LIMIT. */
export function withHistory(entry: Entry, item: HistoryItem): Entry {
  return { ...entry, history: [...entry.history, item].slice(-HISTORY_LIMIT) };
}

/** The entry with an add or a rotation in its history, with the verdict it has now. */
export function withEvent(entry: Entry, event: 'added' | 'rotated', at: Date): Entry {
  return withHistory(entry, { at: at.toISOString(), event, status: entry.status, message: entry.lastError?.message ?? null });
}

/** Only a 401 makes it invalid; anything undecided keeps `lastDecided`. */
function applyVerdict(entry: Entry, outcome: CheckOutcome, at: Date): Applied {
  const when = at.toISOString();
  const checked = { ...entry, lastCheckedAt: when };
  switch (outcome.result) {
    case 'ok': {
      const { me } = outcome;
      const drift = describeDrift(entry, me.identity.id, me.workspaceId, me.workspaceName);
      return {
        drift,
        entry: {
          ...checked,
          status: 'valid',
          lastOkAt: when,
          lastError: null,
          lastDecided: { status: 'valid', at: when },
          identity: me.identity,
          // A PAT's person answer has no workspace: keep the one the user gave.
          workspaceId: me.workspaceId ?? entry.workspaceId,
          workspaceName: me.workspaceName ?? entry.workspaceName,
          pagesShared: outcome.pagesShared ?? entry.pagesShared,
        },
      };
    }
    case 'unauthorized':
      return {
        drift: null,
        entry: { ...checked, status: 'invalid', lastError: lastError(outcome, when), lastDecided: { status: 'invalid', at: when } },
      };
    case 'unknown':
      return { drift: null, entry: { ...checked, status: 'unknown', lastError: lastError(outcome, when) } };
  }
}

/** The failure as stored (and so as the history, the window and every output get it): bounded and redacted. */
const lastError = ({ code, message }: { code: string; message: string }, at: string): NonNullable<Entry['lastError']> =>
  ({ code: storedCode(code), message: storedMessage(message), at });

function describeDrift(entry: Entry, identityId: string, workspaceId: string | null, workspaceName: string | null): string | null {
  if (entry.workspaceId !== null && workspaceId !== null && entry.workspaceId !== workspaceId) {
    return `${entry.name} now answers for workspace ${outsideName(workspaceName ?? workspaceId)}, not ${outsideName(entry.workspaceName ?? entry.workspaceId)}: the keychain item may have been replaced.`;
  }
  if (entry.identity !== null && entry.identity.id !== identityId) {
    return `${entry.name} now answers as another ${entry.identity.type} than when it was stored: the token was replaced or re-issued.`;
  }
  return null;
}

/** A check recorded and the entry's next check planned from it: what every caller of a check stores. */
export function recordCheck(entry: Entry, outcome: CheckOutcome, at: Date, settings: Settings, random?: () => number): Applied {
  const applied = applyCheck(entry, outcome, at);
  return { drift: applied.drift, entry: { ...applied.entry, ...scheduleAfter(entry, outcome, at, settings, random) } };
}
