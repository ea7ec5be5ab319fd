import { escapeHtml } from './escape-html.js';
import { element, textElement } from './markup.js';
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
  /** Kind, which sets the marker's color and dash pattern. */
  kind: 'anomaly' | 'false-alarm' | 'alert';
}

/** Content and size of a chart drawn by `renderLineChart`. */
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

/** Plot area of a chart and the scales from data to pixels. */
interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (ms: number) => number;
  y: (value: number) => number;
}

const MARGIN = { top: 28, right: 16, bottom: 30, left: 52 };
const MARKER_STYLE = {
  anomaly: { color: '#d62728', dash: undefined },
  'false-alarm': { color: '#9467bd', dash: '2 3' },
  alert: { color: '#ff7f0e', dash: '5 3' },
} as const;

/** Renders a line chart as an inline SVG element, with no script. */
export function renderLineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const yTicks = niceTicks(maxY(options.series));
  const yMax = yTicks.at(-1)!;
  const xMax = Math.max(options.xMaxMs, 1);
  const frame: Frame = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
    x: (ms) => MARGIN.left + (ms / xMax) * (width - MARGIN.left - MARGIN.right),
    y: (value) =>
      MARGIN.top + (height - MARGIN.top - MARGIN.bottom) * (1 - value / yMax),
  };

  const parts = [
    textElement(
      'text',
      { x: MARGIN.left, y: 16, class: 'chart-title' },
      `${options.title} (${options.unit})`,
    ),
    options.band ? renderBand(options.band, frame) : '',
    renderYAxis(yTicks, frame),
    renderXAxis(xMax, frame),
    ...options.series.map((series) => renderPath(series, frame)),
    ...(options.markers ?? []).map((marker) => renderMarker(marker, frame)),
    renderLegend(options.series, frame.right),
  ];
  const attributes = {
    class: 'chart',
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': options.title,
  };
  return element('svg', attributes, parts.filter(Boolean).join('\n'));
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
function renderPath(series: ChartSeries, frame: Frame): string {
  let d = '';
  let drawing = false;
  for (const [ms, value] of series.points) {
    if (!Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    const command = drawing ? 'L' : 'M';
    d += `${command}${frame.x(ms).toFixed(1)},${frame.y(value).toFixed(1)}`;
    drawing = true;
  }

  const attributes = {
    class: 'series',
    d,
    fill: 'none',
    stroke: series.color,
    'stroke-width': 1.5,
  };
  return element('path', attributes, title(series.name));
}

function renderBand(
  band: NonNullable<LineChartOptions['band']>,
  frame: Frame,
): string {
  const left = frame.x(band.startMs);
  const attributes = {
    class: 'incident',
    x: left.toFixed(1),
    y: frame.top,
    width: Math.max(frame.x(band.endMs) - left, 1).toFixed(1),
    height: frame.bottom - frame.top,
    fill: '#fdd',
    opacity: 0.7,
  };
  return element('rect', attributes, title(band.label));
}

function renderYAxis(ticks: number[], frame: Frame): string {
  return ticks
    .map((tick) => {
      const at = frame.y(tick).toFixed(1);
      const grid = element('line', {
        x1: frame.left,
        y1: at,
        x2: frame.right,
        y2: at,
        stroke: '#e5e5e5',
      });
      const label = textElement(
        'text',
        {
          x: frame.left - 6,
          y: at,
          class: 'tick',
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
        },
        formatTick(tick),
      );
      return `${grid}${label}`;
    })
    .join('\n');
}

function renderXAxis(xMaxMs: number, frame: Frame): string {
  const axis = element('line', {
    x1: frame.left,
    y1: frame.bottom,
    x2: frame.right,
    y2: frame.bottom,
    stroke: '#888',
  });
  const labels = niceTicks(xMaxMs / 1_000, 8)
    .filter((seconds) => seconds * 1_000 <= xMaxMs)
    .map((seconds) =>
      textElement(
        'text',
        {
          x: frame.x(seconds * 1_000).toFixed(1),
          y: frame.bottom + 16,
          class: 'tick',
          'text-anchor': 'middle',
        },
        `${seconds} s`,
      ),
    );
  return [axis, ...labels].join('\n');
}

function renderMarker(marker: ChartMarker, frame: Frame): string {
  const style = MARKER_STYLE[marker.kind];
  const at = frame.x(marker.atMs).toFixed(1);
  const line = element('line', {
    x1: at,
    y1: frame.top,
    x2: at,
    y2: frame.bottom,
    stroke: style.color,
    'stroke-width': 1.5,
    'stroke-dasharray': style.dash,
  });
  const dot = element('circle', {
    cx: at,
    cy: frame.top + 4,
    r: 3.5,
    fill: style.color,
  });
  return element(
    'g',
    { class: `marker marker-${marker.kind}` },
    `${title(marker.label)}${line}${dot}`,
  );
}

// Legend entries are laid out from the right edge, about 6.5 px per
// character of the series name.
function renderLegend(series: readonly ChartSeries[], right: number): string {
  let offset = right;
  const items: string[] = [];
  for (const line of [...series].reverse()) {
    offset -= line.name.length * 6.5 + 22;
    const swatch = element('line', {
      x1: offset,
      y1: 12,
      x2: offset + 14,
      y2: 12,
      stroke: line.color,
      'stroke-width': 2,
    });
    const label = textElement(
      'text',
      { x: offset + 18, y: 16, class: 'tick' },
      line.name,
    );
    items.push(`${swatch}${label}`);
  }
  return items.join('\n');
}

function title(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

function formatTick(value: number): string {
  return value >= 10_000 ? `${value / 1_000}k` : String(value);
}
