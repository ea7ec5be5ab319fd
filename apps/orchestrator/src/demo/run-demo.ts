import { performance } from 'node:perf_hooks';
import type { Logger } from '@mm-orch/config';
import type { ProgressStream } from '../replay/progress-line.js';
import { ProgressLine } from '../replay/progress-line.js';
import { ReplayStats } from '../replay/replay-stats.js';
import { type ReplayResult, replayTrace } from '../replay/replay-trace.js';
import {
  classifyAnomalies,
  type ObservedAnomaly,
} from './classify-anomalies.js';
import { demoConfig } from './demo-config.js';
import { type DemoHost, startDemoHost } from './demo-host.js';
import type { DemoPlan } from './demo-plan.js';
import type { DemoAlert, DemoResult, IncidentWindow } from './demo-result.js';
import { type Incident, NO_FAULTS } from './incidents.js';

/** Options of `runDemo`. */
export interface RunDemoOptions {
  /** Workloads to replay and the incident window. */
  plan: DemoPlan;
  /** Injected incident, if any. */
  incident: Incident | undefined;
  /** Replay speed-up over the traces' real time. */
  speed: number;
  /** Names of the conv and the code model. */
  models: { conv: string; code: string };
  /** Directory for the alert log. */
  reportDir: string;
  /** Stream for the progress line and the endpoint addresses. */
  progress: ProgressStream;
  /** Logger of the orchestrator. */
  logger?: Logger;
  /** Maximum requests in flight per model. @default 1024 */
  concurrency?: number;
  /** Called with every replayed request's outcome. */
  onResult?: (result: ReplayResult) => void;
  /** Stream every Nth request to measure time to first token. @default 200 */
  streamEvery?: number;
}

/**
 * Runs the demo: starts the orchestrator with two simulated models, replays
 * the planned workloads against it at once, switches the incident's faults
 * on and off at the planned times, and collects the anomalies and delivered
 * alerts. Resolves with everything the summary and the report show.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoResult> {
  const { plan, incident, speed } = options;
  const startedAt = new Date();
  // Event times of anomaly detection run `speed` times faster than the wall
  // clock, so detection settings read in the traces' own time.
  const clockStart = performance.now();
  const epochAtStart = Date.now();
  const host = await startDemoHost({
    config: demoConfig({
      ...options,
      baselineRssBytes: process.memoryUsage.rss(),
    }),
    clock: () => epochAtStart + (performance.now() - clockStart) * speed,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  let origin = performance.now();
  const finished = new Set<string>();
  const events = observeEvents(
    host,
    () => performance.now() - origin,
    (model) =>
      model === '*'
        ? finished.size === plan.workloads.length
        : finished.has(model),
  );

  const incidentWindow = describeIncident(incident, plan, options.models);
  const timers: NodeJS.Timeout[] = [];
  const stats = new ReplayStats();
  const progress = new ProgressLine(options.progress, stats, plan.wallMs);
  try {
    options.progress.write(
      `orchestrator: ${host.url}  metrics: ${host.metricsUrl}  status: ${host.statusUrl}\n`,
    );
    origin = performance.now();
    if (incidentWindow) {
      timers.push(
        ...scheduleIncident(host.setFaults, incident!, incidentWindow),
      );
    }
    progress.start();

    const replays = plan.workloads.map((workload) =>
      replayTrace({
        target: host.url,
        model: workload.model,
        requests: workload.requests,
        speed,
        originMs: origin,
        concurrency: options.concurrency ?? 1_024,
        streamEvery: options.streamEvery ?? 200,
        timeLimitMs: plan.wallMs + 30_000,
        requestTimeoutMs: 30_000,
        onSend: (_model, index) => {
          stats.addSent();
          if (index === workload.requests.length - 1) {
            finished.add(workload.model);
          }
        },
        onResult: (result) => {
          stats.add(result);
          options.onResult?.(result);
        },
      }).finally(() => finished.add(workload.model)),
    );
    const summaries = await Promise.all(replays).finally(() => progress.stop());
    await host.flushAlerts();

    const elapsedMs = Math.max(...summaries.map((s) => s.elapsedMs));
    return {
      startedAt: startedAt.toISOString(),
      speed,
      elapsedMs,
      traces: plan.workloads.map((w) => ({
        model: w.model,
        file: w.file,
        requests: w.requests.length,
      })),
      incident: incidentWindow,
      summaries: stats.models().map((model) => stats.summary(model, elapsedMs)),
      timelines: Object.fromEntries(
        stats
          .models()
          .map((model) => [model, stats.timeline(model, elapsedMs)]),
      ),
      anomalies: classifyAnomalies(
        events.anomalies,
        incidentWindow && {
          ...incidentWindow,
          processWide: (incident?.faults.memoryGrowthBytes ?? 0) > 0,
        },
      ),
      alerts: events.alerts,
      alertsByDestination: events.alertsByDestination,
      metricsUrl: host.metricsUrl,
      statusUrl: host.statusUrl,
    };
  } finally {
    for (const timer of timers) {
      clearTimeout(timer);
    }
    await host.stop();
  }
}

/**
 * Records firing anomalies and delivered alerts with their time since the
 * start. Events of a model whose traffic has ended (`isOver`, `'*'` for the
 * process) are left out, because they are about the demo ending, which is
 * neither a detection nor a false alarm.
 */
function observeEvents(
  host: DemoHost,
  sinceStart: () => number,
  isOver: (model: string) => boolean,
) {
  const anomalies: ObservedAnomaly[] = [];
  const alerts: DemoAlert[] = [];
  const alertsByDestination: Record<string, number> = {};
  host.onAnomaly((event) => {
    if (event.status === 'firing' && !isOver(event.model)) {
      anomalies.push({ ...event, atMs: sinceStart() });
    }
  });
  host.onAlert((alert) => {
    if (isOver(alert.model ?? '*')) {
      return;
    }
    alerts.push({ ...alert, atMs: sinceStart() });
    alertsByDestination[alert.destination] =
      (alertsByDestination[alert.destination] ?? 0) + 1;
  });
  return { anomalies, alerts, alertsByDestination };
}

function describeIncident(
  incident: Incident | undefined,
  plan: DemoPlan,
  models: RunDemoOptions['models'],
): IncidentWindow | undefined {
  if (!incident || !plan.incidentWindow) {
    return undefined;
  }
  return {
    name: incident.name,
    description: incident.description,
    model: models[incident.target],
    ...plan.incidentWindow,
  };
}

function scheduleIncident(
  setFaults: (model: string, faults: object) => void,
  incident: Incident,
  window: IncidentWindow,
): NodeJS.Timeout[] {
  return [
    setTimeout(() => setFaults(window.model, incident.faults), window.startMs),
    setTimeout(() => setFaults(window.model, NO_FAULTS), window.endMs),
  ];
}
