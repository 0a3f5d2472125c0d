import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { EntrySummary } from '../../electron/common/ipc-contract';
import { plural } from '../../electron/common/status';
import { daysLeftText, formatDay, STATUS_TEXT } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useSettings } from '../lib/use-settings';
import { groupEntries } from './group-entries';
import { LABEL_OFFSET, layoutTimeline, type TimelineMark, type TimelineToken } from './timeline-layout';
import { MarkShape } from './timeline-mark-shape';
import { TimelineScale } from './timeline-scale';

interface ExpiryTimelineProps {
  entries: readonly EntrySummary[];
  onOpen: (id: string) => void;
}

/** Before the box is measured (one layout pass): about the list's width in the 960-pixel window. */
const FIRST_WIDTH = 880;
const NO_THRESHOLDS: readonly number[] = [];

/** The personal access tokens, workspace by workspace as the list groups them. */
function patsOf(entries: readonly EntrySummary[]): TimelineToken[] {
  return groupEntries(entries, '').flatMap((group) => group.entries.flatMap((entry) => (
    entry.kind === 'pat' && entry.expiresAt !== null
      ? [{ id: entry.id, name: entry.name, workspace: group.title, expiresAt: entry.expiresAt, status: entry.shownStatus }]
      : []
  )));
}

function markLabel(mark: TimelineMark, entry: EntrySummary | undefined): string {
  const { name, expiresAt, status } = mark.token;
  const when = mark.place === 'past'
    ? `expired ${formatDay(expiresAt)}`
    : `expires ${formatDay(expiresAt)}, ${daysLeftText(entry?.daysLeft ?? null)}${mark.place === 'beyond' ? ', after the next 12 months' : ''}`;
  return `${name}, ${STATUS_TEXT[status]}: ${when}`;
}

/** The width of the box, followed as the window is resized. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FIRST_WIDTH);
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return;
    setWidth(element.clientWidth || FIRST_WIDTH);
    const observer = new ResizeObserver(() => { setWidth(element.clientWidth || FIRST_WIDTH); });
    observer.observe(element);
    return () => { observer.disconnect(); };
  }, []);
  return [box, width];
}

/**
 * The next twelve months as a strip per workspace, each personal access token's expiry marked at
 * its date (expired ones at the left edge, later ones at the right), today and the warning
 * thresholds drawn. Marks are buttons: Tab reaches them by date, Enter or Space opens the token.
 */
export function ExpiryTimeline({ entries, onOpen }: ExpiryTimelineProps) {
  const id = useId();
  const now = useNow();
  const settings = useSettings();
  const [box, width] = useWidth();
  const tokens = useMemo(() => patsOf(entries), [entries]);
  const byId = useMemo(() => new Map(entries.map((entry) => [entry.id, entry])), [entries]);
  const thresholds = settings?.thresholdsDays ?? NO_THRESHOLDS;
  const layout = useMemo(() => layoutTimeline(tokens, now, thresholds, width), [tokens, now, thresholds, width]);
  if (tokens.length === 0) return null;

  const open = (event: KeyboardEvent, entryId: string): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault(); // Space would scroll the page
    onOpen(entryId);
  };
  const warned = thresholds.length === 0 ? 'No warnings are set.' : `Shaded: the warning period, from ${plural(Math.max(...thresholds), 'day')} before expiry.`;
  return (
    <section className="timeline" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Expiry in the next 12 months</h3>
      <p id={`${id}-hint`} className="hint">
        Personal access tokens by workspace, today at the left. {warned} <span aria-hidden="true">◀</span> already expired, <span aria-hidden="true">▶</span> later than a year.
      </p>
      <div ref={box} className="timeline-box">
        <svg width={layout.width} height={layout.height} role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-hint`}>
          <TimelineScale layout={layout} />
          {layout.strips.map((strip) => (
            <g key={strip.workspace} role="group" aria-label={`${strip.workspace}: ${plural(strip.marks.length, 'personal access token')}`}>
              <text className="timeline-workspace" x={layout.axisLeft} y={strip.y + 12} aria-hidden="true">{strip.workspace}</text>
              <line className="timeline-strip" x1={layout.axisLeft} x2={layout.axisRight} y1={strip.lineY} y2={strip.lineY} aria-hidden="true" />
              {strip.marks.map((mark) => (
                <g
                  key={mark.token.id}
                  className={`timeline-mark mark-${mark.token.status} mark-${mark.place}`}
                  transform={`translate(${mark.x.toFixed(2)} ${mark.y.toFixed(2)})`}
                  role="button"
                  tabIndex={0}
                  aria-label={markLabel(mark, byId.get(mark.token.id))}
                  onClick={() => { onOpen(mark.token.id); }}
                  onKeyDown={(event) => { open(event, mark.token.id); }}
                >
                  <circle className="mark-target" r={11} />
                  <MarkShape place={mark.place} status={mark.token.status} />
                  <text className="mark-label" x={mark.labelSide === 'right' ? LABEL_OFFSET : -LABEL_OFFSET} textAnchor={mark.labelSide === 'right' ? 'start' : 'end'} dominantBaseline="central">{mark.label}</text>
                </g>
              ))}
            </g>
          ))}
        </svg>
      </div>
    </section>
  );
}
