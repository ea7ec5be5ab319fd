import type { AlertRouter } from '@mm-orch/alerts';
import { type AnomalyEvent, PerformanceMonitor } from '@mm-orch/anomaly';
import type { Logger, OrchestratorConfigOutput } from '@mm-orch/config';
import { PrometheusExporter } from '@mm-orch/metrics';
import { type BatchSpan, OTelTracer } from '@mm-orch/tracing';
import type { Span } from '@opentelemetry/api';
import type {
  RequestInfo,
  RequestMonitor,
} from '../inference/request-monitor.js';
import type { BatchObserver, RuntimeHooks } from '../models/model-runtime.js';
import type { AlertDelivery, DeliveryListener } from './alert-delivery.js';
import { AnomalyAlertSender } from './anomaly-alert-sender.js';
import { type ComponentStatus, componentStatus } from './component-status.js';
import { createAlertRouter } from './create-alert-router.js';
import { type ComponentName, FailureTracker } from './failure-tracker.js';
import { LifecycleRecorder } from './lifecycle-recorder.js';
import {
  RequestObservation,
  type RequestSinks,
} from './request-observation.js';
import { type ResourceSample, ResourceSampler } from './resource-sampler.js';

/** Options of the monitoring layer. */
export interface MonitoringOptions {
  config: OrchestratorConfigOutput;
  logger: Logger;
  /** Clock of event times fed to the performance monitor, ms since epoch. */
  clock: () => number;
}

/** Receives each anomaly event; must not throw. */
export type AnomalyListener = (event: AnomalyEvent) => void;

/**
 * Wires requests, batches, lifecycle changes and resource samples into
 * metrics, tracing, anomaly detection and alerting. Every call into a
 * component runs through a `FailureTracker`, so monitoring never throws into
 * a request and a broken component shows in `status()`.
 */
export class Monitoring {
  readonly failures: FailureTracker;
  readonly hooks: RuntimeHooks<RequestMonitor>;
  readonly exporter: PrometheusExporter | undefined;
  readonly tracer: OTelTracer | undefined;
  readonly monitor: PerformanceMonitor | undefined;
  readonly router: AlertRouter | undefined;
  private readonly alerts: AnomalyAlertSender | undefined;
  private readonly sinks: RequestSinks;
  private readonly sampler: ResourceSampler | undefined;
  private readonly anomalyListeners = new Set<AnomalyListener>();
  /** Queue depths last written to the gauges, by model. */
  private readonly queueDepths = new Map<string, QueueDepth>();
  /** Entry of the model whose queue changed last, to skip the map lookup. */
  private lastQueueDepth: QueueDepth | undefined;
  private readonly deliveryListeners = new Set<DeliveryListener>();
  private lastSample: ResourceSample | undefined;
  private startError: string | undefined;
  private readonly lifecycle: LifecycleRecorder;

  constructor(private readonly options: MonitoringOptions) {
    const { config, logger, clock } = options;
    this.failures = new FailureTracker(logger);
    this.exporter = config.metrics.enabled
      ? new PrometheusExporter({ ...config.metrics, logger })
      : undefined;
    this.tracer = config.tracing.enabled
      ? new OTelTracer({ ...config.tracing, logger })
      : undefined;
    this.monitor = config.anomaly.enabled
      ? new PerformanceMonitor({ ...config.anomaly, logger, clock })
      : undefined;
    this.router = config.alerting.enabled
      ? createAlertRouter(config.alerting, logger, (delivery) =>
          this.onDelivered(delivery),
        )
      : undefined;
    this.alerts = this.router && this.createAlertSender(this.router);
    this.monitor?.subscribe((event) => this.onAnomaly(event));

    this.sinks = {
      exporter: this.exporter,
      tracer: this.tracer,
      monitor: this.monitor,
      failures: this.failures,
      clock,
    };
    this.lifecycle = new LifecycleRecorder(this.exporter, this.failures);
    this.hooks = {
      lifecycle: (model, from, to) => this.lifecycle.record(model, from, to),
      batchStarted: (model, items) => this.onBatch(model, items),
      queueChanged: (model, waiting, running) =>
        this.onQueueChanged(model, waiting, running),
    };
    this.sampler = config.resources.enabled
      ? new ResourceSampler({
          intervalMs: config.resources.interval,
          gpu: config.resources.gpu,
          onSample: (sample) => this.onResourceSample(sample),
          onError: (error) => this.failures.record('resources', error),
        })
      : undefined;
  }

  /** Starts the monitoring of one request. */
  startRequest(info: RequestInfo): RequestMonitor {
    return new RequestObservation(this.sinks, info);
  }

  /** Calls `listener` with each anomaly event and returns an unsubscribe. */
  onAnomalyEvent(listener: AnomalyListener): () => void {
    this.anomalyListeners.add(listener);
    return () => this.anomalyListeners.delete(listener);
  }

  /** Calls `listener` with each delivered alert and returns an unsubscribe. */
  onAlertDelivered(listener: DeliveryListener): () => void {
    this.deliveryListeners.add(listener);
    return () => this.deliveryListeners.delete(listener);
  }

  /** Returns the scrape URL of the metrics endpoint, or "" when off. */
  metricsUrl(): string {
    return this.exporter?.getStatus().serving?.url ?? '';
  }

  /**
   * Starts the scrape endpoint and the resource sampler. A scrape endpoint
   * that fails to start is logged and shown in `status()`, and the app
   * serves on without it.
   */
  async start(): Promise<void> {
    this.sampler?.start();
    if (!this.exporter) {
      return;
    }
    try {
      await this.exporter.start();
    } catch (error) {
      this.startError = error instanceof Error ? error.message : String(error);
      this.failures.record('metrics', error);
    }
  }

  /** Stops the sampler and scrape endpoint and flushes traces and alerts. */
  async stop(timeoutMs: number): Promise<void> {
    this.sampler?.stop();
    this.monitor?.close();
    this.alerts?.close();
    const steps: Array<[ComponentName, () => Promise<unknown> | undefined]> = [
      ['tracing', () => this.tracer?.shutdown()],
      ['alerting', () => this.router?.close(timeoutMs)],
      ['metrics', () => this.exporter?.stop()],
    ];
    await Promise.all(
      steps.map(([component, step]) =>
        Promise.resolve()
          .then(step)
          .catch((error: unknown) => this.failures.record(component, error)),
      ),
    );
  }

  /** Returns each component's status, with the app's failure counts. */
  status(): Record<ComponentName, ComponentStatus> {
    const own = (name: ComponentName, get: () => unknown) =>
      this.failures.run(name, get, { unavailable: true });
    return {
      metrics: componentStatus(
        this.exporter !== undefined,
        this.failures.get('metrics'),
        this.exporter && own('metrics', () => this.exporter?.getStatus()),
        this.startError,
      ),
      tracing: componentStatus(
        this.tracer !== undefined,
        this.failures.get('tracing'),
        this.tracer && own('tracing', () => this.tracer?.getStatus()),
      ),
      anomaly: componentStatus(
        this.monitor !== undefined,
        this.failures.get('anomaly'),
        this.monitor && own('anomaly', () => this.monitor?.getStatus()),
      ),
      alerting: componentStatus(
        this.router !== undefined,
        this.failures.get('alerting'),
        this.router && own('alerting', () => this.router?.getStatus()),
      ),
      resources: componentStatus(
        this.sampler !== undefined,
        this.failures.get('resources'),
        this.lastSample ?? null,
      ),
    };
  }

  private createAlertSender(router: AlertRouter): AnomalyAlertSender {
    return new AnomalyAlertSender({
      router,
      resendInterval: this.options.config.anomalyAlerts.resendInterval,
      onError: (error) => this.failures.record('alerting', error),
    });
  }

  private onAnomaly(event: AnomalyEvent): void {
    this.options.logger.warn(
      {
        anomaly: event.id,
        status: event.status,
        signal: event.signal,
        model: event.model,
        resource: event.resource,
        observed: event.observed,
        expected: event.expected,
      },
      `anomaly ${event.status}: ${event.signal} of ${event.model}`,
    );
    for (const listener of this.anomalyListeners) {
      this.failures.run('anomaly', () => listener(event), undefined);
    }
    const alerts = this.alerts;
    if (alerts) {
      this.failures.run('alerting', () => alerts.send(event), undefined);
    }
  }

  private onDelivered(delivery: AlertDelivery): void {
    for (const listener of this.deliveryListeners) {
      this.failures.run('alerting', () => listener(delivery), undefined);
    }
  }

  private onBatch(
    model: string,
    items: Parameters<RuntimeHooks<RequestMonitor>['batchStarted']>[1],
  ): BatchObserver {
    const at = performance.now();
    let members: Span[] | undefined;
    for (const item of items) {
      item.context.batched(items.length, at);
      const span = (item.context as RequestObservation).modelSpan;
      if (span) {
        members ??= [];
        members.push(span);
      }
    }
    const tracer = this.tracer;
    if (!tracer || members === undefined) {
      return NO_BATCH;
    }

    try {
      return new BatchObservation(
        tracer.startBatchSpan({ model, members }),
        this.failures,
      );
    } catch (error) {
      this.failures.record('tracing', error);
      return NO_BATCH;
    }
  }

  /**
   * Sets the queue gauges of `model`. The batcher reports every change of
   * either count, so a gauge is written only when its own count moved.
   */
  private onQueueChanged(
    model: string,
    waiting: number,
    running: number,
  ): void {
    const exporter = this.exporter;
    if (!exporter) {
      return;
    }
    let last = this.lastQueueDepth;
    if (last?.model !== model) {
      last = this.queueDepths.get(model);
      if (!last) {
        last = { model, waiting: -1, running: -1 };
        this.queueDepths.set(model, last);
      }
      this.lastQueueDepth = last;
    }

    try {
      if (waiting !== last.waiting) {
        exporter.setWaiting(model, waiting);
        last.waiting = waiting;
      }
      if (running !== last.running) {
        exporter.setRunning(model, running);
        last.running = running;
      }
    } catch (error) {
      this.failures.record('metrics', error);
    }
  }

  private onResourceSample(sample: ResourceSample): void {
    this.lastSample = sample;
    const monitor = this.monitor;
    if (!monitor) {
      return;
    }
    const timestamp = this.options.clock();
    this.failures.run(
      'anomaly',
      () => {
        monitor.recordResource({
          resource: 'cpu',
          value: sample.cpuPercent,
          timestamp,
        });
        monitor.recordResource({
          resource: 'memory',
          value: sample.rssBytes,
          timestamp,
        });
        monitor.recordResource({
          resource: 'heap',
          value: sample.heapUsedBytes,
          timestamp,
        });
        monitor.recordResource({
          resource: 'eventLoopLag',
          value: sample.eventLoopLagMs,
          timestamp,
        });
        for (const gpu of sample.gpus) {
          monitor.recordResource({
            resource: `gpu${gpu.index}`,
            value: gpu.utilizationPercent,
            timestamp,
          });
        }
      },
      undefined,
    );
  }
}

const NO_BATCH: BatchObserver = { end() {} };

/** Queue depths of one model, as last written to its gauges. */
interface QueueDepth {
  readonly model: string;
  waiting: number;
  running: number;
}

/** Ends the span of one batch, counting a failure instead of throwing. */
class BatchObservation implements BatchObserver {
  constructor(
    private readonly batch: BatchSpan,
    private readonly failures: FailureTracker,
  ) {}

  end(error?: unknown): void {
    try {
      this.batch.end(error);
    } catch (caught) {
      this.failures.record('tracing', caught);
    }
  }
}
