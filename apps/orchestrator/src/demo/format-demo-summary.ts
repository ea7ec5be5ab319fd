import { formatSummaryTable } from '../report/summary-table.js';
import type { DemoAnomaly, DemoResult } from './demo-result.js';

/**
 * Formats the end-of-run text of the demo: the per-model table, each
 * anomaly with its detection delay (or `missed`), the false alarms and the
 * alerts delivered per destination.
 */
export function formatDemoSummary(result: DemoResult): string {
  const lines = [formatSummaryTable(result.summaries), ''];
  const detections = result.anomalies.filter((a) => !a.falseAlarm);
  const falseAlarms = result.anomalies.filter((a) => a.falseAlarm);

  if (result.incident) {
    const { incident } = result;
    lines.push(
      `incident: ${incident.description} (${incident.name}) ` +
        `from ${seconds(incident.startMs)} to ${seconds(incident.endMs)}`,
    );
    if (detections.length === 0) {
      lines.push('  detection: missed');
    }
    for (const anomaly of detections) {
      lines.push(
        `  detected ${describe(anomaly)} ` +
          `after ${seconds(anomaly.delayMs ?? 0)}: ${anomaly.reason}`,
      );
    }
  } else {
    lines.push('incident: none');
  }

  lines.push(`false alarms: ${falseAlarms.length}`);
  for (const anomaly of falseAlarms) {
    lines.push(
      `  at ${seconds(anomaly.atMs)}: ${describe(anomaly)}: ${anomaly.reason}`,
    );
  }

  const destinations = Object.entries(result.alertsByDestination);
  lines.push(
    destinations.length === 0
      ? 'alerts delivered: none'
      : `alerts delivered: ${destinations.map(([name, count]) => `${name} ${count}`).join(', ')}`,
  );
  return lines.join('\n');
}

function describe(anomaly: DemoAnomaly): string {
  const model = anomaly.model ?? 'process';
  return `${anomaly.signal} on ${model} (${anomaly.severity})`;
}

function seconds(ms: number): string {
  return `${(ms / 1_000).toFixed(1)} s`;
}
