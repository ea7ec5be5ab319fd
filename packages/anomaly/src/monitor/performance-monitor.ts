import {
  AnomalyConfig,
  type AnomalyConfigOutput,
  type Logger,
  parseConfig,
  silentLogger,
} from '@mm-orch/config';
import type { AnomalyEvent, AnomalyListener } from './anomaly-event.js';
import { readEventTime } from './event-time.js';
import { isFailure } from './inference-outcome.js';
import { buildModelSnapshot } from './model-snapshot.js';
import {
  createModelState,
  createResourceState,
  type ModelState,
  type ResourceState,
} from './model-state.js';
import { buildMonitorStatus, zeroMonitorCounts } from './monitor-status.js';
import type {
  EventTime,
  InferenceRecord,
  ModelSnapshot,
  MonitorCounts,
  MonitorStatus,
  PerformanceMonitorOptions,
  ResourceSample,
} from './monitor-types.js';
import type { SignalTracker } from './signal-tracker.js';

/** Resources tracked per model when `maxResourcesPerModel` is unset. */
const DEFAULT_MAX_RESOURCES = 100;

/** Model name under which resources shared by all models are tracked. */
export const SHARED_MODEL = '*';

/**
 * Watches inference traffic and resource gauges per model, keeps sliding
 * window aggregates, and notifies subscribers when latency, error rate,
 * throughput or a resource turns anomalous and when it recovers. Time is
 * event time: intervals close when a later event (or `tick(now)`) arrives.
 */
export class PerformanceMonitor {
  private readonly config: AnomalyConfigOutput;
  private readonly maxResources: number;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly models = new Map<string, ModelState>();
  private readonly shared = new Map<string, ResourceState>();
  private readonly listeners = new Set<AnomalyListener>();
  private readonly active = new Map<string, AnomalyEvent>();
  private readonly counts: MonitorCounts = zeroMonitorCounts();
  private timer: NodeJS.Timeout | undefined;
  private intervalStart = Number.NaN;
  private eventTime = Number.NaN;
  private intervalsClosed = 0;

  /**
   * Validates the options; raises `ConfigError` from `@mm-orch/config` when
   * they are invalid.
   */
  constructor(options: PerformanceMonitorOptions = {}) {
    const { logger, clock, ...input } = options;
    this.config = parseConfig(AnomalyConfig, input);
    this.logger = logger ?? silentLogger;
    this.clock = clock ?? Date.now;
    this.maxResources =
      this.config.maxResourcesPerModel ?? DEFAULT_MAX_RESOURCES;
    if (this.config.enabled && this.config.timer) {
      this.timer = setInterval(() => this.tick(), this.config.interval);
      this.timer.unref();
    }
  }

  /**
   * Records one finished inference request; an invalid record is counted and
   * dropped.
   */
  recordInference(record: InferenceRecord): void {
    const model = record?.model;
    const latency = record?.latencySeconds;
    const timestamp = readEventTime(this.clock, record?.timestamp);
    if (
      typeof model !== 'string' ||
      model === '' ||
      typeof latency !== 'number' ||
      !(latency >= 0) ||
      Number.isNaN(timestamp)
    ) {
      this.counts.invalid += 1;
      return;
    }
    if (!this.config.enabled) {
      this.counts.inferences += 1;
      return;
    }

    this.advance(timestamp);
    const state = this.modelState(model);
    if (state === undefined) {
      return;
    }
    if (timestamp < this.intervalStart) {
      // NOTE: a late record joins the open interval, so it shifts that
      // interval's aggregates instead of the closed one it belongs to.
      // It is counted in `counts.late` and never dropped.
      this.counts.late += 1;
    }
    const tokens = (record.inputTokens ?? 0) + (record.outputTokens ?? 0);
    state.window.current.add(
      latency,
      isFailure(record),
      Number.isFinite(tokens) ? tokens : 0,
    );
    state.latencySignal.add(latency, record.outputTokens);
    state.window.active = true;
    this.counts.inferences += 1;
  }

  /**
   * Records and scores one resource sample; an invalid sample is counted and
   * dropped.
   */
  recordResource(sample: ResourceSample): void {
    const resource = sample?.resource;
    const value = sample?.value;
    const timestamp = readEventTime(this.clock, sample?.timestamp);
    if (
      typeof resource !== 'string' ||
      resource === '' ||
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      Number.isNaN(timestamp)
    ) {
      this.counts.invalid += 1;
      return;
    }
    if (!this.config.enabled) {
      this.counts.resourceSamples += 1;
      return;
    }

    this.advance(timestamp);
    const resources =
      sample.model === undefined
        ? this.shared
        : this.modelState(sample.model)?.resources;
    if (resources === undefined) {
      return;
    }
    const model = sample.model ?? SHARED_MODEL;
    let state = resources.get(resource);
    if (state === undefined) {
      if (resources.size >= this.maxResources) {
        this.counts.overResourceLimit += 1;
        return;
      }
      state = createResourceState(model, resource, this.config);
      resources.set(resource, state);
    }
    if (timestamp < this.intervalStart) {
      this.counts.late += 1;
    }
    this.counts.resourceSamples += 1;
    this.scoreResource(state, timestamp, value);
  }

  /**
   * Adds a listener of anomaly events and returns the function that removes it.
   */
  subscribe(listener: AnomalyListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Closes every interval that ended at or before `now` (ms since the epoch,
   * default the clock), so that silence is noticed without new events.
   */
  tick(now: EventTime = this.clock()): void {
    const time = readEventTime(this.clock, now);
    if (
      !this.config.enabled ||
      Number.isNaN(time) ||
      Number.isNaN(this.intervalStart)
    ) {
      return;
    }
    this.advance(time);
  }

  /**
   * Aggregates of one model over the sliding window, or `undefined` for an
   * unknown model.
   */
  getSnapshot(model: string): ModelSnapshot | undefined {
    const state = this.models.get(model);
    return state === undefined ? undefined : this.snapshotOf(model, state);
  }

  private snapshotOf(model: string, state: ModelState): ModelSnapshot {
    return buildModelSnapshot(model, state, {
      intervalStart: this.intervalStart,
      eventTime: this.eventTime,
      intervalMs: this.config.interval,
      active: [...this.active.values()],
    });
  }

  /** Aggregates of every tracked model. */
  getSnapshots(): ModelSnapshot[] {
    return [...this.models].map(([model, state]) =>
      this.snapshotOf(model, state),
    );
  }

  /** Anomalies firing right now. */
  getActiveAnomalies(): AnomalyEvent[] {
    return [...this.active.values()];
  }

  /** Health of the monitor and counts of everything it dropped. */
  getStatus(): MonitorStatus {
    return buildMonitorStatus(this.counts, {
      enabled: this.config.enabled,
      models: this.models.size,
      activeAnomalies: this.active.size,
      intervalsClosed: this.intervalsClosed,
      eventTimeMs: this.eventTime,
      maxModels: this.config.maxModels,
      maxResourcesPerModel: this.maxResources,
    });
  }

  /** Stops the timer and removes every listener. */
  close(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.listeners.clear();
  }

  private modelState(model: string): ModelState | undefined {
    let state = this.models.get(model);
    if (state === undefined) {
      if (this.models.size >= this.config.maxModels) {
        this.counts.overModelLimit += 1;
        return undefined;
      }
      state = createModelState(model, this.config);
      this.models.set(model, state);
    }
    return state;
  }

  /**
   * Closes the intervals that end at or before `time`, bounded after a long
   * gap.
   */
  private advance(time: number): void {
    const interval = this.config.interval;
    if (Number.isNaN(this.intervalStart)) {
      this.intervalStart = Math.floor(time / interval) * interval;
    }
    if (!(time <= this.eventTime)) {
      this.eventTime = time;
    }

    const maxClosed =
      Math.max(this.config.windowIntervals, this.config.noDataIntervals) + 1;
    let closed = 0;
    while (time >= this.intervalStart + interval) {
      if (closed === maxClosed) {
        const target = Math.floor(time / interval) * interval;
        this.counts.skippedIntervals += Math.round(
          (target - this.intervalStart) / interval,
        );
        this.intervalStart = target;
        break;
      }
      this.closeInterval(this.intervalStart + interval);
      closed += 1;
    }
  }

  private closeInterval(end: number): void {
    const seconds = this.config.interval / 1000;
    for (const state of this.models.values()) {
      const bucket = state.window.current;
      const latency = state.latencySignal.closeInterval();
      if (!Number.isNaN(latency) && state.latency !== undefined) {
        const result = state.latency.detector.update(end, latency);
        this.route(state.latency.tracker, end, latency, result);
      }
      if (state.errorRate !== undefined && bucket.requests > 0) {
        const result = state.errorRate.detector.updateCounts(
          end,
          bucket.errors,
          bucket.requests,
        );
        this.route(
          state.errorRate.tracker,
          end,
          bucket.errors / bucket.requests,
          result,
        );
      }
      if (state.throughput !== undefined && state.window.active) {
        const result = state.throughput.detector.update(end, bucket.requests);
        this.route(state.throughput.tracker, end, bucket.requests / seconds, {
          ...result,
          expected: result.expected / seconds,
          lower: result.lower / seconds,
          upper: result.upper / seconds,
        });
      }

      state.window.closeInterval();
      const window = state.window;
      const expectedInSilence = window.busyMean * window.idleIntervals;
      const silent =
        window.active &&
        window.idleIntervals >= this.config.noDataIntervals &&
        expectedInSilence >= (this.config.noDataMinExpected ?? 10);
      const expectedRate = window.busyMean / seconds;
      this.route(state.noData, end, 0, {
        score: silent ? 1 : 0,
        anomalous: silent,
        expected: expectedRate,
        lower: 0,
        upper: expectedRate,
        reason: silent ? 'no data' : 'receiving data',
      });
    }
    this.intervalStart = end;
    this.intervalsClosed += 1;
  }

  private scoreResource(
    state: ResourceState,
    timestamp: number,
    value: number,
  ): void {
    state.last = value;
    if (state.main !== undefined) {
      this.route(
        state.main.tracker,
        timestamp,
        value,
        state.main.detector.update(timestamp, value),
      );
    }
    if (state.staleness !== undefined) {
      const stale = state.staleness.detector.update(timestamp, value);
      this.route(state.staleness.tracker, timestamp, value, stale);
    }
    if (state.trend !== undefined) {
      this.route(
        state.trend.tracker,
        timestamp,
        value,
        state.trend.detector.update(timestamp, value),
      );
    }
  }

  private route(
    tracker: SignalTracker,
    timestamp: number,
    observed: number,
    result: Parameters<SignalTracker['observe']>[2],
  ): void {
    const event = tracker.observe(timestamp, observed, result);
    if (event === undefined) {
      return;
    }
    if (event.status === 'firing') {
      this.active.set(event.id, event);
    } else {
      this.active.delete(event.id);
    }
    this.emit(event);
  }

  private emit(event: AnomalyEvent): void {
    this.counts.events += 1;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.counts.listenerErrors += 1;
        this.logger.warn(
          { err: error, anomalyId: event.id },
          'anomaly listener threw; the event still reached the other listeners',
        );
      }
    }
  }
}
