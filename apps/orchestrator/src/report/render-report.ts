import type { DemoAnomaly, DemoResult } from '../demo/demo-result.js';
import type { TimelinePoint } from '../replay/replay-stats.js';
import { escapeHtml } from './escape-html.js';
import { type ChartMarker, renderLineChart } from './line-chart.js';
import { element, textElement } from './markup.js';
import { REPORT_STYLE } from './report-style.js';
import { formatMs } from './summary-table.js';

const TRACE_CREDIT =
  'Azure LLM inference trace 2023, Microsoft Azure Public Dataset ' +
  '(CC BY 4.0), from P. Patel, E. Choukse, C. Zhang, A. Shah, Í. Goiri, ' +
  'S. Maleki, R. Bianchini, "Splitwise: Efficient generative LLM inference ' +
  'using phase splitting", ISCA 2024. Used unmodified.';
const LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * Renders a demo run as one self-contained HTML page: summary tables and,
 * per model, inline SVG charts of latency percentiles, throughput and error
 * rate with the incident window shaded and anomaly and alert markers. The
 * page loads nothing from the network and runs no script.
 */
export function renderReport(result: DemoResult): string {
  const title = result.incident
    ? `mm-orch demo: ${result.incident.name} incident`
    : 'mm-orch demo: no incident';
  const license = textElement('a', { href: LICENSE_URL }, 'CC BY 4.0');
  const credit = `Traffic: ${escapeHtml(TRACE_CREDIT)} License: ${license}.`;
  const body = [
    textElement('h1', {}, title),
    renderMeta(result),
    textElement('h2', {}, 'Summary per model'),
    renderSummary(result),
    textElement('h2', {}, 'Detection'),
    renderDetection(result),
    textElement('h2', {}, 'Alerts delivered'),
    renderAlerts(result),
    ...result.summaries.map((s) => renderModelCharts(result, s.model)),
    textElement('h2', {}, 'Anomaly events'),
    renderAnomalyTable(result.anomalies),
    element('p', { class: 'meta' }, credit),
  ];
  const head = [
    '<meta charset="utf-8">',
    textElement('title', {}, title),
    `<style>${REPORT_STYLE}</style>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
${head.join('\n')}
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function renderMeta(result: DemoResult): string {
  const traces = result.traces
    .map((t) => `${t.file} (${t.requests} requests) as ${t.model}`)
    .join(', ');
  const span = result.incident
    ? `from ${seconds(result.incident.startMs)} to ${seconds(result.incident.endMs)}`
    : '';
  const incident = result.incident
    ? `Incident: ${result.incident.description} on ${result.incident.model}, ${span}.`
    : 'No incident injected.';
  const run = `ran ${seconds(result.elapsedMs)} at ${result.speed}x real time`;
  const lines = [
    `Started ${result.startedAt}, ${run}. Traces: ${traces}.`,
    incident,
    `Metrics: ${result.metricsUrl} · status: ${result.statusUrl}`,
  ];
  return element('p', { class: 'meta' }, lines.map(escapeHtml).join('<br>'));
}

function renderSummary(result: DemoResult): string {
  const rows = result.summaries.map((s) => [
    s.model,
    String(s.requests),
    s.throughput.toFixed(1),
    formatMs(s.p50Ms),
    formatMs(s.p95Ms),
    formatMs(s.p99Ms),
    formatMs(s.ttftP50Ms),
    String(s.errors),
    String(s.rejected),
    `${(s.cacheHitRate * 100).toFixed(1)}%`,
  ]);
  const header = [
    'model',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'TTFT p50 ms',
    'errors',
    'rejected',
    'cache hits',
  ];
  return renderTable(header, rows);
}

function renderDetection(result: DemoResult): string {
  const detections = result.anomalies.filter((a) => !a.falseAlarm);
  const falseAlarms = result.anomalies.filter((a) => a.falseAlarm).length;
  const lines: string[] = [];
  if (result.incident && detections.length === 0) {
    const missed = textElement('span', { class: 'missed' }, 'missed');
    lines.push(
      element('p', {}, `${missed}: no anomaly was raised for the incident.`),
    );
  } else if (result.incident) {
    const found = detections
      .map(
        (a) =>
          `${a.signal} on ${a.model ?? 'process'} after ${seconds(a.delayMs ?? 0)}`,
      )
      .join(', ');
    lines.push(textElement('p', {}, `Detected: ${found}.`));
  }
  lines.push(textElement('p', {}, `False alarms: ${falseAlarms}.`));
  return lines.join('\n');
}

function renderAlerts(result: DemoResult): string {
  const rows = Object.entries(result.alertsByDestination).map(
    ([destination, count]) => [destination, String(count)],
  );
  if (rows.length === 0) {
    return textElement('p', {}, 'No alert was delivered.');
  }
  return renderTable(['destination', 'notifications'], rows);
}

function renderModelCharts(result: DemoResult, model: string): string {
  const timeline = result.timelines[model] ?? [];
  const incident = result.incident;
  const band =
    incident?.model === model
      ? {
          startMs: incident.startMs,
          endMs: incident.endMs,
          label: incident.description,
        }
      : undefined;
  const common = {
    xMaxMs: result.elapsedMs,
    markers: markersFor(result, model),
    ...(band ? { band } : {}),
  };
  const series = (
    name: string,
    color: string,
    pick: (point: TimelinePoint) => number,
  ) => ({
    name,
    color,
    points: timeline.map((p) => [p.startMs, pick(p)] as const),
  });

  const charts = [
    renderLineChart({
      ...common,
      title: `${model} latency`,
      unit: 'ms',
      series: [
        series('p50', '#2ca02c', (p) => p.p50Ms),
        series('p95', '#1f77b4', (p) => p.p95Ms),
        series('p99', '#9467bd', (p) => p.p99Ms),
      ],
    }),
    renderLineChart({
      ...common,
      title: `${model} throughput`,
      unit: 'req/s',
      series: [series('completed', '#1f77b4', (p) => p.throughput)],
    }),
    renderLineChart({
      ...common,
      title: `${model} error rate`,
      unit: '%',
      series: [series('errors', '#d62728', (p) => p.errorRate * 100)],
    }),
  ];
  return [
    textElement('h2', {}, model),
    element('div', { class: 'charts' }, charts.join('\n')),
  ].join('\n');
}

function markersFor(result: DemoResult, model: string): ChartMarker[] {
  const concerns = (other: string | undefined) =>
    other === undefined || other === model;
  const anomalies = result.anomalies
    .filter((a) => concerns(a.model))
    .map((a) => ({
      atMs: a.atMs,
      kind: a.falseAlarm ? ('false-alarm' as const) : ('anomaly' as const),
      label:
        `${a.falseAlarm ? 'false alarm' : 'anomaly'}: ${a.signal} ` +
        `(${a.severity}) at ${seconds(a.atMs)}: ${a.reason}`,
    }));
  const alerts = result.alerts
    .filter((a) => concerns(a.model))
    .map((a) => ({
      atMs: a.atMs,
      kind: 'alert' as const,
      label: `alert ${a.name} ${a.status} delivered to ${a.destination} at ${seconds(a.atMs)}`,
    }));
  return [...anomalies, ...alerts];
}

function renderAnomalyTable(anomalies: readonly DemoAnomaly[]): string {
  if (anomalies.length === 0) {
    return textElement('p', {}, 'No anomaly was raised.');
  }
  const rows = anomalies.map((a) => [
    seconds(a.atMs),
    a.model ?? 'process',
    a.signal,
    a.severity,
    a.falseAlarm ? 'false alarm' : `detection after ${seconds(a.delayMs ?? 0)}`,
    a.reason,
  ]);
  const header = ['time', 'model', 'signal', 'severity', 'verdict', 'reason'];
  return renderTable(header, rows);
}

function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const headRow = header.map((cell) => textElement('th', {}, cell)).join('');
  const bodyRows = rows.map((row) =>
    element('tr', {}, row.map((cell) => textElement('td', {}, cell)).join('')),
  );
  return element(
    'table',
    {},
    `<thead><tr>${headRow}</tr></thead><tbody>${bodyRows.join('')}</tbody>`,
  );
}

function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}
