import type { Status } from '../../electron/common/types';
import { STATUS_TEXT } from '../lib/format';

// A shape as well as a colour, and the word always: status is never told by colour alone.
const ICON: Readonly<Record<Status, string>> = {
  valid: '✓',
  expiring: '!',
  expired: '✕',
  invalid: '✕',
  unknown: '?',
  unchecked: '○',
};

export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`status status-${status}`}>
      <span className="status-icon" aria-hidden="true">{ICON[status]}</span>
      {STATUS_TEXT[status]}
    </span>
  );
}
