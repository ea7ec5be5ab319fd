import type { Logger, OrchestratorConfigInput } from '@mm-orch/config';
import type { SimulatedFaults } from '../models/simulated-adapter.js';
import { createOrchestrator } from '../orchestrator.js';

/** Maximum wait for pending alert notifications at the end, in ms. */
const FLUSH_TIMEOUT_MS = 5_000;

/** An anomaly event as the demo records it. */
export interface HostAnomaly {
  /** `firing` or `resolved`. */
  status: string;
  /** Watched signal, such as `latency` or `resource:memory`. */
  signal: string;
  /** Model of the signal, or `'*'` for a process-wide resource. */
  model: string;
  /** Severity the monitor assigned. */
  severity: string;
  /** Short explanation from the detector. */
  reason: string;
}

/** A notification that an alert destination accepted. */
export interface HostAlert {
  /** Destination name. */
  destination: string;
  /** Alert name of the notification's first alert. */
  name: string;
  /** `firing` or `resolved`. */
  status: string;
  /** Model label of the notification's first alert, if any. */
  model?: string;
}

/** The in-process orchestrator, reduced to what the demo and replay use. */
export interface DemoHost {
  /** Base URL of the OpenAI-compatible API. */
  url: string;
  /** URL of the Prometheus scrape endpoint. */
  metricsUrl: string;
  /** URL of the status page. */
  statusUrl: string;
  /** Changes faults of a simulated model. */
  setFaults(model: string, faults: Partial<SimulatedFaults>): void;
  /** Calls `listener` for every anomaly event. */
  onAnomaly(listener: (event: HostAnomaly) => void): void;
  /** Calls `listener` for every notification a destination accepted. */
  onAlert(listener: (alert: HostAlert) => void): void;
  /** Delivers or dead-letters pending notifications. */
  flushAlerts(): Promise<void>;
  /** Shuts the orchestrator down. */
  stop(): Promise<void>;
}

/** Options of `startDemoHost`. */
export interface DemoHostOptions {
  /** Orchestrator configuration. @default the orchestrator's defaults on a free port */
  config?: OrchestratorConfigInput;
  /** Logger of the orchestrator. @default the orchestrator's own */
  logger?: Logger;
  /** Clock of anomaly event times, ms since the epoch. @default Date.now */
  clock?: () => number;
}

/** Starts the orchestrator in-process, on free ports unless configured. */
export async function startDemoHost(
  options: DemoHostOptions = {},
): Promise<DemoHost> {
  const config = options.config ?? {
    server: { port: 0 },
    metrics: { port: 0 },
  };
  const orchestrator = createOrchestrator({
    config,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const { url, metricsUrl } = await orchestrator.start();

  return {
    url,
    metricsUrl,
    statusUrl: `${url}/status`,
    setFaults: (model, faults) => {
      orchestrator.setFault(model, faults);
    },
    onAnomaly: (listener) => {
      orchestrator.monitoring.onAnomalyEvent((event) =>
        listener({
          ...event,
          signal: event.resource
            ? `${event.signal}:${event.resource}`
            : event.signal,
        }),
      );
    },
    onAlert: (listener) => {
      orchestrator.monitoring.onAlertDelivered(
        ({ destination, notification }) => {
          const first = notification.alerts[0];
          const model = first?.labels.model ?? notification.commonLabels.model;
          listener({
            destination,
            name: first?.name ?? notification.title,
            status: notification.status,
            ...(model === undefined ? {} : { model }),
          });
        },
      );
    },
    flushAlerts: async () => {
      await orchestrator.monitoring.router?.flush(FLUSH_TIMEOUT_MS);
    },
    stop: () => orchestrator.stop(),
  };
}
