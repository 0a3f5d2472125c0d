import type { Status } from '../../electron/common/types';
import type { MarkPlace } from './timeline-layout';

// A mark's shape as well as its colour (status is never told by colour alone), drawn around (0, 0):
// an arrowhead at either edge for what falls off the twelve months, else one shape per status.

const SHAPES: Readonly<Record<Status, string>> = {
  valid: 'M -6 0 A 6 6 0 1 0 6 0 A 6 6 0 1 0 -6 0 Z', // a disc
  expiring: 'M 0 -7 L 7 0 L 0 7 L -7 0 Z', // a diamond
  expired: 'M -5.5 -5.5 L 5.5 -5.5 L 5.5 5.5 L -5.5 5.5 Z', // a square
  invalid: 'M -5.5 -5.5 L 5.5 -5.5 L 5.5 5.5 L -5.5 5.5 Z',
  unknown: 'M -5 0 A 5 5 0 1 0 5 0 A 5 5 0 1 0 -5 0 Z', // a ring (stroked, not filled)
  unchecked: 'M -5 0 A 5 5 0 1 0 5 0 A 5 5 0 1 0 -5 0 Z',
};
const PAST = 'M 6 -7 L 6 7 L -7 0 Z';
const BEYOND = 'M -6 -7 L -6 7 L 7 0 Z';

export function MarkShape({ place, status }: { place: MarkPlace; status: Status }) {
  const d = place === 'past' ? PAST : place === 'beyond' ? BEYOND : SHAPES[status];
  return <path className="mark-shape" d={d} aria-hidden="true" />;
}
