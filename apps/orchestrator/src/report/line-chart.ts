import { escapeHtml } from './escape-html.js';
import { niceTicks } from './nice-ticks.js';

/** One line of a chart: `y` values at `x` positions in ms; `NaN` is a gap. */
export interface ChartSeries {
  /** Legend label. */
  name: string;
  /** Stroke color, any CSS color. */
  color: string;
  /** Points as `[xMs, y]`, sorted by `xMs`. */
  points: readonly (readonly [number, number])[];
}

/** A vertical marker at one time, such as an anomaly or an alert. */
export interface ChartMarker {
  /** Time of the marker, in ms. */
  atMs: number;
  /** Tooltip text. */
  label: string;
  /** Kind, which sets the marker's shape and color. */
  kind: 'anomaly' | 'false-alarm' | 'alert';
}

/** What `renderLineChart` draws. */
export interface LineChartOptions {
  /** Title above the plot. */
  title: string;
  /** Unit of the y axis, shown beside the title. */
  unit: string;
  /** Lines to draw. */
  series: readonly ChartSeries[];
  /** Right end of the x axis, in ms. */
  xMaxMs: number;
  /** Time range to shade, such as an incident window, in ms. */
  band?: { startMs: number; endMs: number; label: string };
  /** Vertical markers. */
  markers?: readonly ChartMarker[];
  /** Width of the SVG in pixels. @default 640 */
  width?: number;
  /** Height of the SVG in pixels. @default 220 */
  height?: number;
}

const MARGIN = { top: 28, right: 16, bottom: 30, left: 52 };
const MARKER_STYLE = {
  anomaly: { color: '#d62728', dash: '' },
  'false-alarm': { color: '#9467bd', dash: '2 3' },
  alert: { color: '#ff7f0e', dash: '5 3' },
} as const;

/** Renders a line chart as an inline SVG element, with no script. */
export function renderLineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const yTicks = niceTicks(maxY(options.series));
  const yMax = yTicks.at(-1)!;
  const xMax = Math.max(options.xMaxMs, 1);
  const x = (ms: number) => MARGIN.left + (ms / xMax) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight * (1 - value / yMax);

  const parts = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<text x="${MARGIN.left}" y="16" class="chart-title">${escapeHtml(options.title)} (${escapeHtml(options.unit)})</text>`,
  ];
  if (options.band) {
    parts.push(renderBand(options.band, x, MARGIN.top, plotHeight));
  }
  parts.push(renderYAxis(yTicks, y, MARGIN.left, MARGIN.left + plotWidth));
  parts.push(renderXAxis(xMax, x, MARGIN.top + plotHeight));
  for (const series of options.series) {
    parts.push(renderPath(series, x, y));
  }
  for (const marker of options.markers ?? []) {
    parts.push(renderMarker(marker, x, MARGIN.top, plotHeight));
  }
  parts.push(renderLegend(options.series, width - MARGIN.right));
  parts.push('</svg>');
  return parts.join('\n');
}

function maxY(series: readonly ChartSeries[]): number {
  let max = 0;
  for (const line of series) {
    for (const [, value] of line.points) {
      if (Number.isFinite(value) && value > max) {
        max = value;
      }
    }
  }
  return max;
}

// Each run of finite points becomes one sub-path, so a bucket without data
// leaves a gap in the line instead of a drop to zero.
function renderPath(
  series: ChartSeries,
  x: (ms: number) => number,
  y: (value: number) => number,
): string {
  let d = '';
  let drawing = false;
  for (const [ms, value] of series.points) {
    if (!Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${x(ms).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  }
  return `<path class="series" d="${d}" fill="none" stroke="${escapeHtml(series.color)}" stroke-width="1.5"><title>${escapeHtml(series.name)}</title></path>`;
}

function renderBand(
  band: NonNullable<LineChartOptions['band']>,
  x: (ms: number) => number,
  top: number,
  plotHeight: number,
): string {
  const left = x(band.startMs);
  const bandWidth = Math.max(x(band.endMs) - left, 1);
  return `<rect class="incident" x="${left.toFixed(1)}" y="${top}" width="${bandWidth.toFixed(1)}" height="${plotHeight}" fill="#fdd" opacity="0.7"><title>${escapeHtml(band.label)}</title></rect>`;
}

function renderYAxis(
  ticks: number[],
  y: (value: number) => number,
  left: number,
  right: number,
): string {
  return ticks
    .map((tick) => {
      const at = y(tick).toFixed(1);
      return `<line x1="${left}" y1="${at}" x2="${right}" y2="${at}" stroke="#e5e5e5"/><text x="${left - 6}" y="${at}" class="tick" text-anchor="end" dominant-baseline="middle">${formatTick(tick)}</text>`;
    })
    .join('\n');
}

function renderXAxis(
  xMaxMs: number,
  x: (ms: number) => number,
  bottom: number,
): string {
  const ticks = niceTicks(xMaxMs / 1_000, 8).filter(
    (seconds) => seconds * 1_000 <= xMaxMs,
  );
  const labels = ticks.map(
    (seconds) =>
      `<text x="${x(seconds * 1_000).toFixed(1)}" y="${bottom + 16}" class="tick" text-anchor="middle">${seconds} s</text>`,
  );
  return [
    `<line x1="${x(0)}" y1="${bottom}" x2="${x(xMaxMs)}" y2="${bottom}" stroke="#888"/>`,
    ...labels,
  ].join('\n');
}

function renderMarker(
  marker: ChartMarker,
  x: (ms: number) => number,
  top: number,
  plotHeight: number,
): string {
  const style = MARKER_STYLE[marker.kind];
  const at = x(marker.atMs).toFixed(1);
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return `<g class="marker marker-${marker.kind}"><title>${escapeHtml(marker.label)}</title><line x1="${at}" y1="${top}" x2="${at}" y2="${top + plotHeight}" stroke="${style.color}" stroke-width="1.5"${dash}/><circle cx="${at}" cy="${top + 4}" r="3.5" fill="${style.color}"/></g>`;
}

function renderLegend(series: readonly ChartSeries[], right: number): string {
  let offset = right;
  const items: string[] = [];
  for (const line of [...series].reverse()) {
    const textWidth = line.name.length * 6.5;
    offset -= textWidth + 22;
    items.push(
      `<line x1="${offset}" y1="12" x2="${offset + 14}" y2="12" stroke="${escapeHtml(line.color)}" stroke-width="2"/><text x="${offset + 18}" y="16" class="tick">${escapeHtml(line.name)}</text>`,
    );
  }
  return items.join('\n');
}

function formatTick(value: number): string {
  if (value >= 10_000) {
    return `${value / 1_000}k`;
  }
  return String(value);
}
