import type { Status } from '../../electron/common/types';

// The expiry timeline's geometry, in pixels of an SVG `width` wide: no React, no DOM, so the maths
// is unit-tested with a fixed "now". The axis runs from now (x = axisLeft) to the same moment twelve
// calendar months later (x = axisRight); either side of it a gutter holds the marks that fall off it.

/** A token to place: a PAT with its expiry. */
export interface TimelineToken {
  id: string;
  name: string;
  workspace: string;
  /** ISO date or date-time. */
  expiresAt: string;
  status: Status;
}

/** `at`: on the axis at its date; `past`: already expired (left gutter); `beyond`: after the 12 months (right gutter). */
export type MarkPlace = 'at' | 'past' | 'beyond';

export interface TimelineMark {
  token: TimelineToken;
  place: MarkPlace;
  /** The mark's centre. */
  x: number;
  y: number;
  /** The name beside the mark, shortened to fit. */
  label: string;
  labelSide: 'right' | 'left';
}

export interface TimelineStrip {
  workspace: string;
  /** Top of the strip (its workspace name sits here), and its height. */
  y: number;
  height: number;
  /** Where the lanes start (below the workspace name), and where the strip's line runs (the first lane). */
  lanesY: number;
  lineY: number;
  /** By expiry date, then name: the order the Tab key takes. */
  marks: TimelineMark[];
}

export interface TimelineTick {
  x: number;
  at: number;
}

export interface TimelineLayout {
  width: number;
  height: number;
  axisLeft: number;
  axisRight: number;
  start: number;
  end: number;
  /** The first day of each month inside the axis. */
  months: TimelineTick[];
  /** The warning thresholds (days before expiry) that fall inside the axis, largest first. */
  thresholds: (TimelineTick & { days: number })[];
  strips: TimelineStrip[];
  /** Where the month names and the "Today" label go. */
  axisLabelY: number;
}

export const GUTTER = 26;
const TOP = 22;
const STRIP_LABEL = 18;
const LANE = 22;
const STRIP_GAP = 8;
const BOTTOM = 6;
/** Mark radius and the room between a mark and its name. */
export const MARK_R = 7;
const LABEL_GAP = 5;
/** From a mark's centre to the near end of its name. */
export const LABEL_OFFSET = MARK_R + LABEL_GAP;
/** Names longer than this are cut with an ellipsis; the full name is in the mark's accessible name. */
const LABEL_CHARS = 18;
/** A generous average advance of the 12px UI font: names are never wider than their room. */
const CHAR_PX = 7.2;
/** Two things on one lane keep this far apart. */
const CLEARANCE = 8;

const DAY_MS = 86_400_000;

/** The same moment `months` calendar months on, in UTC (31 Jan + 1 month = 3 Mar, as Date does). */
export function addMonths(at: number, months: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/** x for a moment on the axis (not clamped). */
export function xAt(at: number, layout: Pick<TimelineLayout, 'start' | 'end' | 'axisLeft' | 'axisRight'>): number {
  return layout.axisLeft + ((at - layout.start) / (layout.end - layout.start)) * (layout.axisRight - layout.axisLeft);
}

function shorten(name: string): string {
  return name.length <= LABEL_CHARS ? name : `${name.slice(0, LABEL_CHARS - 1)}…`;
}

interface Placed {
  mark: Omit<TimelineMark, 'y'>;
  from: number;
  to: number;
}

function placeMark(token: TimelineToken, frame: Pick<TimelineLayout, 'start' | 'end' | 'axisLeft' | 'axisRight' | 'width'>): Placed {
  const at = Date.parse(token.expiresAt);
  const place: MarkPlace = at <= frame.start ? 'past' : at > frame.end ? 'beyond' : 'at';
  const x = place === 'past' ? GUTTER / 2 : place === 'beyond' ? frame.width - GUTTER / 2 : xAt(at, frame);
  const label = shorten(token.name);
  const labelWidth = label.length * CHAR_PX;
  // The name goes right of the mark unless it would run off the strip.
  const labelSide = x + LABEL_OFFSET + labelWidth <= frame.width ? 'right' : 'left';
  const from = labelSide === 'right' ? x - MARK_R : x - LABEL_OFFSET - labelWidth;
  const to = labelSide === 'right' ? x + LABEL_OFFSET + labelWidth : x + MARK_R;
  return { mark: { token, place, x, label, labelSide }, from, to };
}

/** Lanes for marks whose names would overlap: each goes on the first lane where it clears the one before (interval partitioning). */
function assignLanes(placed: readonly Placed[]): Map<Placed, number> {
  const laneEnds: number[] = [];
  const lanes = new Map<Placed, number>();
  for (const item of [...placed].sort((a, b) => a.from - b.from)) {
    let lane = laneEnds.findIndex((end) => end + CLEARANCE <= item.from);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.to);
    } else {
      laneEnds[lane] = item.to;
    }
    lanes.set(item, lane);
  }
  return lanes;
}

const byExpiry = (a: TimelineToken, b: TimelineToken): number => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.name.localeCompare(b.name);

/** The timeline for these tokens at `now`, `width` pixels wide; strips in the order the workspaces come in. */
export function layoutTimeline(tokens: readonly TimelineToken[], now: number, thresholdsDays: readonly number[], width: number): TimelineLayout {
  const start = now;
  const end = addMonths(now, 12);
  const frame = { start, end, axisLeft: GUTTER, axisRight: width - GUTTER, width };

  const months: TimelineTick[] = [];
  const first = new Date(start);
  for (let month = 1; month <= 12; month++) {
    const at = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 1);
    if (at <= end) months.push({ at, x: xAt(at, frame) });
  }
  const thresholds = [...new Set(thresholdsDays)]
    .filter((days) => days > 0 && start + days * DAY_MS <= end)
    .sort((a, b) => b - a)
    .map((days) => ({ days, at: start + days * DAY_MS, x: xAt(start + days * DAY_MS, frame) }));

  const workspaces = new Map<string, TimelineToken[]>();
  for (const token of tokens) {
    const list = workspaces.get(token.workspace);
    if (list) list.push(token);
    else workspaces.set(token.workspace, [token]);
  }
  const strips: TimelineStrip[] = [];
  let y = TOP;
  for (const [workspace, list] of workspaces) {
    const placed = list.sort(byExpiry).map((token) => placeMark(token, frame));
    const lanes = assignLanes(placed);
    const laneCount = Math.max(1, ...[...lanes.values()].map((lane) => lane + 1));
    const lanesY = y + STRIP_LABEL;
    const lineY = lanesY + LANE / 2;
    const marks = placed.map((item) => ({ ...item.mark, y: lineY + (lanes.get(item) ?? 0) * LANE }));
    const height = STRIP_LABEL + laneCount * LANE;
    strips.push({ workspace, y, height, lanesY, lineY, marks });
    y += height + STRIP_GAP;
  }
  return { width, height: y - STRIP_GAP + BOTTOM, axisLeft: frame.axisLeft, axisRight: frame.axisRight, start, end, months, thresholds, strips, axisLabelY: TOP - 8 };
}
