import type { TimelineLayout } from './timeline-layout';

const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthAndYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
/** Month names closer than this to "Today" are left out (the tick stays). */
const TODAY_ROOM = 44;

/**
 * What the marks are read against, on each strip's lanes (the workspace names stay clear): the
 * warning band, month ticks, the thresholds and today; the month names once, on top. Drawn only:
 * the hint says it in words.
 */
export function TimelineScale({ layout }: { layout: TimelineLayout }) {
  const [widest] = layout.thresholds;
  return (
    <g aria-hidden="true">
      {layout.months.map((month) => (month.x - layout.axisLeft < TODAY_ROOM ? null : (
        <text key={month.at} className="timeline-axis-label" x={month.x} y={layout.axisLabelY} textAnchor="middle">
          {(new Date(month.at).getUTCMonth() === 0 ? monthAndYear : monthName).format(month.at)}
        </text>
      )))}
      <text className="timeline-axis-label timeline-today-label" x={layout.axisLeft} y={layout.axisLabelY} textAnchor="middle">Today</text>
      {layout.strips.map((strip) => {
        const top = strip.lanesY;
        const bottom = strip.y + strip.height;
        return (
          <g key={strip.workspace}>
            {widest === undefined ? null : <rect className="timeline-band" x={layout.axisLeft} y={top} width={widest.x - layout.axisLeft} height={bottom - top} />}
            {layout.months.map((month) => <line key={month.at} className="timeline-month" x1={month.x} x2={month.x} y1={top} y2={bottom} />)}
            {layout.thresholds.map((threshold) => (
              <line key={threshold.days} className="timeline-threshold" x1={threshold.x} x2={threshold.x} y1={top} y2={bottom} data-days={threshold.days} />
            ))}
            <line className="timeline-today" x1={layout.axisLeft} x2={layout.axisLeft} y1={top} y2={bottom} />
          </g>
        );
      })}
    </g>
  );
}
