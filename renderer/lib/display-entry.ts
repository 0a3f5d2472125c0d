import type { EntrySummary, Inspection, InspectedCheck } from '../../electron/common/ipc-contract';
import { forWindow } from '../../electron/common/outside-text';
import type { Identity } from '../../electron/common/types';

// What main sends holds text from outside (workspace and bot names as Notion sent them, error
// text): React escapes HTML, and these drop control, bidi and zero-width characters and cap the
// length, once, where each answer enters the window. The stored values stay as they were.

/** Names: room for any real workspace name; a 2 MB one does not reach the DOM. */
const NAME_MAX = 120;
/** Messages: our fix-it hints run to about 200 characters. */
const MESSAGE_MAX = 300;

const name = (text: string | null): string | null => (text === null ? null : forWindow(text, NAME_MAX));
export const displayMessage = (text: string): string => forWindow(text, MESSAGE_MAX);

function displayIdentity(identity: Identity): Identity {
  return { ...identity, name: name(identity.name) };
}

export function displayEntry(entry: EntrySummary): EntrySummary {
  return {
    ...entry,
    name: forWindow(entry.name, NAME_MAX),
    workspaceName: name(entry.workspaceName),
    identity: entry.identity === null ? null : displayIdentity(entry.identity),
    lastError: entry.lastError === null ? null : { ...entry.lastError, message: displayMessage(entry.lastError.message) },
    history: entry.history.map((item) => (item.message === null ? item : { ...item, message: displayMessage(item.message) })),
    attention: entry.attention === null ? null : displayMessage(entry.attention),
  };
}

function displayCheck(check: InspectedCheck): InspectedCheck {
  if (check.result === 'ok') return { ...check, identity: displayIdentity(check.identity), workspaceName: name(check.workspaceName) };
  return { ...check, message: displayMessage(check.message) };
}

export function displayInspection(inspection: Inspection): Inspection {
  return {
    ...inspection,
    check: displayCheck(inspection.check),
    duplicateOf: name(inspection.duplicateOf),
  };
}
