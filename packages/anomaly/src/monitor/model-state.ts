import type {
  AnomalyConfigOutput,
  SignalDetectorConfigOutput,
} from '@mm-orch/config';
import { createDetector } from '../detectors/create-detector.js';
import type { Detector } from '../detectors/detector.js';
import { ErrorRateDetector } from '../detectors/error-rate-detector.js';
import { StalenessDetector } from '../detectors/staleness-detector.js';
import { TrendDetector } from '../detectors/trend-detector.js';
import type { AnomalySignal } from './anomaly-event.js';
import { LatencySignal } from './latency-signal.js';
import { ModelWindow } from './model-window.js';
import { type SignalGateOptions, SignalTracker } from './signal-tracker.js';

/** A detector and the alert state it drives. */
export interface WatchedSignal {
  detector: Detector;
  tracker: SignalTracker;
}

/** Detectors and alert state of one resource gauge. */
export interface ResourceState {
  main: WatchedSignal | undefined;
  staleness:
    | { detector: StalenessDetector; tracker: SignalTracker }
    | undefined;
  trend: { detector: TrendDetector; tracker: SignalTracker } | undefined;
  last: number;
}

/** Detectors, alert state and sliding window of one model. */
export interface ModelState {
  window: ModelWindow;
  latencySignal: LatencySignal;
  latency: WatchedSignal | undefined;
  errorRate:
    | { detector: ErrorRateDetector; tracker: SignalTracker }
    | undefined;
  throughput: WatchedSignal | undefined;
  noData: SignalTracker;
  resources: Map<string, ResourceState>;
}

/** Hysteresis settings of a signal config. */
export function gateOptions(
  settings: SignalDetectorConfigOutput,
): SignalGateOptions {
  return {
    threshold: 1 - settings.sensitivity,
    fireAfterMs: settings.fireAfter,
    clearAfterMs: settings.clearAfter,
    coolDownMs: settings.coolDown,
  };
}

function watch(
  signal: AnomalySignal,
  model: string,
  settings: SignalDetectorConfigOutput,
  resource?: string,
): WatchedSignal | undefined {
  if (!settings.enabled) {
    return undefined;
  }
  const detector = createDetector(settings.algorithm, {
    window: settings.window,
    threshold: 1 - settings.sensitivity,
    warmUp: settings.warmUp,
    minSamples: settings.minSamples,
    capacity: settings.capacity,
  });
  const key =
    resource === undefined ? { signal, model } : { signal, model, resource };
  return { detector, tracker: new SignalTracker(key, gateOptions(settings)) };
}

/** Creates the state of a model seen for the first time. */
export function createModelState(
  model: string,
  config: AnomalyConfigOutput,
): ModelState {
  const errorRate = config.errorRate;
  return {
    window: new ModelWindow(config.windowIntervals),
    latencySignal: new LatencySignal(config.latency),
    latency: watch('latency', model, config.latency),
    errorRate: errorRate.enabled
      ? {
          detector: new ErrorRateDetector({
            window: errorRate.window,
            threshold: 1 - errorRate.sensitivity,
            warmUp: errorRate.warmUp,
            minSamples: errorRate.minSamples,
            acceptAfter:
              errorRate.acceptAfter === undefined
                ? undefined
                : Math.ceil(errorRate.acceptAfter / config.interval),
          }),
          tracker: new SignalTracker(
            { signal: 'errorRate', model },
            gateOptions(errorRate),
          ),
        }
      : undefined,
    throughput: watch('throughput', model, config.throughput),
    noData: new SignalTracker(
      { signal: 'noData', model },
      { threshold: 0.5, fireAfterMs: 0, clearAfterMs: 0, coolDownMs: 0 },
    ),
    resources: new Map(),
  };
}

/** Creates the state of a resource gauge seen for the first time. */
export function createResourceState(
  model: string,
  resource: string,
  config: AnomalyConfigOutput,
): ResourceState {
  const settings = config.resources[resource] ?? config.defaultResource;
  if (!settings.enabled) {
    return {
      main: undefined,
      staleness: undefined,
      trend: undefined,
      last: Number.NaN,
    };
  }
  const gate = gateOptions(settings);
  const trend =
    settings.capacity === undefined
      ? undefined
      : {
          detector: new TrendDetector({
            window: settings.window,
            capacity: settings.capacity,
            threshold: 1 - settings.sensitivity,
            warmUp: settings.warmUp,
          }),
          tracker: new SignalTracker(
            { signal: 'resourceExhaustion', model, resource },
            gate,
          ),
        };
  return {
    main: watch('resource', model, settings, resource),
    staleness: {
      detector: new StalenessDetector({ frozenPoints: config.frozenIntervals }),
      tracker: new SignalTracker(
        { signal: 'staleResource', model, resource },
        { ...gate, threshold: 1, fireAfterMs: 0 },
      ),
    },
    trend,
    last: Number.NaN,
  };
}
