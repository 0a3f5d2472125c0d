import { describe, expect, it } from 'vitest';
import { addMonths, GUTTER, layoutTimeline, type TimelineToken } from '../../renderer/list/timeline-layout';

// The expiry timeline's maths at a fixed "now" (as NOTION_VAULT_NOW fixes main's clock): where each
// date lands on a 900-pixel strip, what falls off either end, and how marks that would overlap stack.

const NOW = Date.parse('2026-06-15T09:30:00.000Z');
const DAY_MS = 86_400_000;
const WIDTH = 900;
/** 2026-06-15 09:30 → 2027-06-15 09:30: 365 days over 900 − 2 × 26 pixels. */
const AXIS = WIDTH - 2 * GUTTER;
const xOfDays = (days: number): number => GUTTER + (days / 365) * AXIS;

let serial = 0;
function pat(name: string, expiresAt: string | number, workspace = 'Acme', status: TimelineToken['status'] = 'valid'): TimelineToken {
  serial += 1;
  return { id: `e${String(serial)}`, name, workspace, expiresAt: typeof expiresAt === 'number' ? new Date(expiresAt).toISOString() : expiresAt, status };
}

describe('layoutTimeline', () => {
  it('runs from now to the same moment twelve months on, today at the left end of the axis', () => {
    const layout = layoutTimeline([pat('a', NOW + 10 * DAY_MS)], NOW, [], WIDTH);
    expect(layout.start).toBe(NOW);
    expect(new Date(layout.end).toISOString()).toBe('2027-06-15T09:30:00.000Z');
    expect(layout.axisLeft).toBe(GUTTER);
    expect(layout.axisRight).toBe(WIDTH - GUTTER);
  });

  it('puts each expiry at its date: x grows by the same pixels per day', () => {
    const tokens = [pat('in-10', NOW + 10 * DAY_MS), pat('in-73', NOW + 73 * DAY_MS, 'Globex'), pat('in-300', NOW + 300 * DAY_MS, 'Initech')];
    const marks = layoutTimeline(tokens, NOW, [], WIDTH).strips.flatMap((strip) => strip.marks);
    expect(marks.map((m) => m.place)).toEqual(['at', 'at', 'at']);
    expect(marks[0]?.x).toBeCloseTo(xOfDays(10), 6);
    expect(marks[1]?.x).toBeCloseTo(195.6, 6); // 26 + 73/365 × 848
    expect(marks[2]?.x).toBeCloseTo(xOfDays(300), 6);
  });

  it('a day-only expiry (midnight UTC) lands at that midnight', () => {
    const [mark] = layoutTimeline([pat('day', '2026-07-01')], NOW, [], WIDTH).strips[0]?.marks ?? [];
    // 15 days and 14.5 hours after now.
    expect(mark?.x).toBeCloseTo(xOfDays(15 + 14.5 / 24), 6);
  });

  it('ticks the first of each month inside the twelve months, July 2026 to June 2027', () => {
    const { months } = layoutTimeline([], NOW, [], WIDTH);
    expect(months.map((m) => new Date(m.at).toISOString().slice(0, 10))).toEqual([
      '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01',
      '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01', '2027-05-01', '2027-06-01',
    ]);
    expect(months[0]?.x).toBeCloseTo(xOfDays(15 + 14.5 / 24), 6);
    expect(months.every((m, i) => i === 0 || m.x > (months[i - 1]?.x ?? 0))).toBe(true);
  });

  it('draws each warning threshold that falls inside, largest first, once', () => {
    const { thresholds } = layoutTimeline([], NOW, [7, 30, 14, 7, 400, 0], WIDTH);
    expect(thresholds.map((t) => t.days)).toEqual([30, 14, 7]);
    expect(thresholds[0]?.x).toBeCloseTo(xOfDays(30), 6);
    expect(thresholds[2]?.x).toBeCloseTo(xOfDays(7), 6);
  });

  it('clamps what falls off the axis into the gutters: expired at the left, after twelve months at the right', () => {
    const tokens = [pat('expired', NOW - 10 * DAY_MS, 'Acme', 'expired'), pat('now', NOW, 'Acme', 'expired'), pat('later', NOW + 400 * DAY_MS), pat('last-day', addMonths(NOW, 12))];
    const marks = layoutTimeline(tokens, NOW, [], WIDTH).strips[0]?.marks ?? [];
    expect(marks.map((m) => [m.token.name, m.place])).toEqual([['expired', 'past'], ['now', 'past'], ['last-day', 'at'], ['later', 'beyond']]);
    expect(marks[0]?.x).toBe(GUTTER / 2);
    expect(marks[1]?.x).toBe(GUTTER / 2);
    expect(marks[2]?.x).toBeCloseTo(WIDTH - GUTTER, 6);
    expect(marks[3]?.x).toBe(WIDTH - GUTTER / 2);
  });

  it('one strip per workspace in the order given, marks by date then name (the Tab order)', () => {
    const tokens = [pat('b', NOW + 50 * DAY_MS, 'Globex'), pat('z', NOW + 20 * DAY_MS), pat('a', NOW + 20 * DAY_MS), pat('c', NOW + 5 * DAY_MS, 'Globex')];
    const { strips } = layoutTimeline(tokens, NOW, [], WIDTH);
    expect(strips.map((s) => [s.workspace, s.marks.map((m) => m.token.name)])).toEqual([['Globex', ['c', 'b']], ['Acme', ['a', 'z']]]);
    expect(strips[1]?.y).toBeGreaterThanOrEqual((strips[0]?.y ?? 0) + (strips[0]?.height ?? 0));
  });

  it('stacks marks whose names would overlap on lanes below; far-apart marks share the line', () => {
    const tokens = [pat('acme-ci', NOW + 40 * DAY_MS), pat('acme-sync', NOW + 41 * DAY_MS), pat('acme-far', NOW + 200 * DAY_MS)];
    const [strip] = layoutTimeline(tokens, NOW, [], WIDTH).strips;
    const y = Object.fromEntries((strip?.marks ?? []).map((m) => [m.token.name, m.y]));
    expect(y['acme-ci']).toBe(strip?.lineY);
    expect(y['acme-far']).toBe(strip?.lineY);
    expect(y['acme-sync']).toBeGreaterThan(strip?.lineY ?? Infinity);
    const single = layoutTimeline([pat('acme-ci', NOW + 40 * DAY_MS)], NOW, [], WIDTH).strips[0];
    expect(strip?.height).toBeGreaterThan(single?.height ?? Infinity);
  });

  it('puts a name left of its mark near the right end, and shortens long names', () => {
    const long = 'a-very-long-token-name-for-the-nightly-export';
    const marks = layoutTimeline([pat('near-the-end', NOW + 360 * DAY_MS), pat(long, NOW + 100 * DAY_MS, 'Globex')], NOW, [], WIDTH).strips.flatMap((s) => s.marks);
    expect(marks[0]?.labelSide).toBe('left');
    expect(marks[1]?.labelSide).toBe('right');
    expect(marks[1]?.label).toBe('a-very-long-token…');
    expect(marks[0]?.label).toBe('near-the-end');
  });

  it('the height grows with each strip and lane, so the SVG never clips a mark', () => {
    const tokens = Array.from({ length: 6 }, (_, i) => pat(`same-day-${String(i)}`, NOW + 30 * DAY_MS));
    const layout = layoutTimeline(tokens, NOW, [], WIDTH);
    const lowest = Math.max(...layout.strips.flatMap((s) => s.marks.map((m) => m.y)));
    expect(new Set(layout.strips[0]?.marks.map((m) => m.y)).size).toBe(6);
    expect(layout.height).toBeGreaterThan(lowest + 7);
  });
});
