import type { DemoAnomaly, DemoResult } from '../demo/demo-result.js';
import type { TimelinePoint } from '../replay/replay-stats.js';
import { escapeHtml } from './escape-html.js';
import { type ChartMarker, renderLineChart } from './line-chart.js';
import { REPORT_STYLE } from './report-style.js';
import { formatMs } from './summary-table.js';

const TRACE_CREDIT =
  'Azure LLM inference trace 2023, Microsoft Azure Public Dataset (CC BY 4.0), from P. Patel, E. Choukse, C. Zhang, A. Shah, Í. Goiri, S. Maleki, R. Bianchini, "Splitwise: Efficient generative LLM inference using phase splitting", ISCA 2024. Used unmodified.';

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
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${renderMeta(result)}
<h2>Summary per model</h2>
${renderSummary(result)}
<h2>Detection</h2>
${renderDetection(result)}
<h2>Alerts delivered</h2>
${renderAlerts(result)}
${result.summaries.map((summary) => renderModelCharts(result, summary.model)).join('\n')}
<h2>Anomaly events</h2>
${renderAnomalyTable(result.anomalies)}
<p class="meta">Traffic: ${escapeHtml(TRACE_CREDIT)} License: <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
</body>
</html>
`;
}

function renderMeta(result: DemoResult): string {
  const traces = result.traces
    .map(
      (t) =>
        `${escapeHtml(t.file)} (${t.requests} requests) as ${escapeHtml(t.model)}`,
    )
    .join(', ');
  const incident = result.incident
    ? `Incident: ${escapeHtml(result.incident.description)} on ${escapeHtml(result.incident.model)}, from ${seconds(result.incident.startMs)} to ${seconds(result.incident.endMs)}.`
    : 'No incident injected.';
  return `<p class="meta">Started ${escapeHtml(result.startedAt)}, ran ${seconds(result.elapsedMs)} at ${result.speed}x real time. Traces: ${traces}.<br>${incident}<br>Metrics: ${escapeHtml(result.metricsUrl)} · status: ${escapeHtml(result.statusUrl)}</p>`;
}

function renderSummary(result: DemoResult): string {
  const rows = result.summaries.map(
    (s) =>
      `<tr><td>${escapeHtml(s.model)}</td><td>${s.requests}</td><td>${s.throughput.toFixed(1)}</td><td>${formatMs(s.p50Ms)}</td><td>${formatMs(s.p95Ms)}</td><td>${formatMs(s.p99Ms)}</td><td>${formatMs(s.ttftP50Ms)}</td><td>${s.errors}</td><td>${s.rejected}</td><td>${(s.cacheHitRate * 100).toFixed(1)}%</td></tr>`,
  );
  return `<table><thead><tr><th>model</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>TTFT p50 ms</th><th>errors</th><th>rejected</th><th>cache hits</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderDetection(result: DemoResult): string {
  const detections = result.anomalies.filter((a) => !a.falseAlarm);
  const falseAlarms = result.anomalies.filter((a) => a.falseAlarm);
  const lines: string[] = [];
  if (result.incident) {
    lines.push(
      detections.length === 0
        ? '<p><span class="missed">missed</span>: no anomaly was raised for the incident.</p>'
        : `<p>Detected: ${detections.map((a) => `${escapeHtml(a.signal)} on ${escapeHtml(a.model ?? 'process')} after ${seconds(a.delayMs ?? 0)}`).join(', ')}.</p>`,
    );
  }
  lines.push(`<p>False alarms: ${falseAlarms.length}.</p>`);
  return lines.join('\n');
}

function renderAlerts(result: DemoResult): string {
  const entries = Object.entries(result.alertsByDestination);
  if (entries.length === 0) {
    return '<p>No alert was delivered.</p>';
  }
  const rows = entries.map(
    ([destination, count]) =>
      `<tr><td>${escapeHtml(destination)}</td><td>${count}</td></tr>`,
  );
  return `<table><thead><tr><th>destination</th><th>notifications</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderModelCharts(result: DemoResult, model: string): string {
  const timeline = result.timelines[model] ?? [];
  const band =
    result.incident?.model === model
      ? {
          startMs: result.incident.startMs,
          endMs: result.incident.endMs,
          label: result.incident.description,
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
  return `<h2>${escapeHtml(model)}</h2>\n<div class="charts">${charts.join('\n')}</div>`;
}

function markersFor(result: DemoResult, model: string): ChartMarker[] {
  const anomalies = result.anomalies
    .filter((a) => a.model === undefined || a.model === model)
    .map((a) => ({
      atMs: a.atMs,
      kind: a.falseAlarm ? ('false-alarm' as const) : ('anomaly' as const),
      label: `${a.falseAlarm ? 'false alarm' : 'anomaly'}: ${a.signal} (${a.severity}) at ${seconds(a.atMs)}: ${a.reason}`,
    }));
  const alerts = result.alerts
    .filter((a) => a.model === undefined || a.model === model)
    .map((a) => ({
      atMs: a.atMs,
      kind: 'alert' as const,
      label: `alert ${a.name} ${a.status} delivered to ${a.destination} at ${seconds(a.atMs)}`,
    }));
  return [...anomalies, ...alerts];
}

function renderAnomalyTable(anomalies: readonly DemoAnomaly[]): string {
  if (anomalies.length === 0) {
    return '<p>No anomaly was raised.</p>';
  }
  const rows = anomalies.map(
    (a) =>
      `<tr><td>${seconds(a.atMs)}</td><td class="text">${escapeHtml(a.model ?? 'process')}</td><td class="text">${escapeHtml(a.signal)}</td><td class="text">${escapeHtml(a.severity)}</td><td class="text">${a.falseAlarm ? 'false alarm' : `detection after ${seconds(a.delayMs ?? 0)}`}</td><td class="text">${escapeHtml(a.reason)}</td></tr>`,
  );
  return `<table><thead><tr><th>time</th><th>model</th><th>signal</th><th>severity</th><th>verdict</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}
