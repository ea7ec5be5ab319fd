import { AnomalyError } from '../errors.js';
import { CusumDetector } from './cusum-detector.js';
import type { Detector, DetectorState } from './detector.js';
import { EnsembleDetector } from './ensemble-detector.js';
import { ErrorRateDetector } from './error-rate-detector.js';
import { EwmaDetector } from './ewma-detector.js';
import { QuantileDetector } from './quantile-detector.js';
import { RobustDetector } from './robust-detector.js';
import { SeasonalBlendDetector } from './seasonal-blend-detector.js';
import { SeasonalDetector } from './seasonal-detector.js';
import { StalenessDetector } from './staleness-detector.js';
import { SuppressedDetector } from './suppressed-detector.js';
import { ThroughputDetector } from './throughput-detector.js';
import { TrendDetector } from './trend-detector.js';

/**
 * Options shared by `createDetector` and `restoreDetector`. Each detector
 * reads the fields it uses and ignores the rest.
 */
export interface DetectorOptions {
  /** Points (or seasons, or intervals) of memory of the baseline. */
  window?: number;
  /** Score at or above which a point is anomalous. @default 0.7 */
  threshold?: number;
  /** Valid points before the detector may score above 0. */
  warmUp?: number;
  /** Requests an interval needs before its error rate is judged. */
  minSamples?: number;
  /** Capacity of a resource, for the trend detector. */
  capacity?: number;
  /** Hysteresis of the ensemble verdict, in ms of event time. */
  fireAfterMs?: number;
  /** Hysteresis of the ensemble verdict, in ms of event time. */
  clearAfterMs?: number;
  /** Cool-down of the ensemble verdict, in ms of event time. */
  coolDownMs?: number;
}

type Factory = {
  create: (options: DetectorOptions) => Detector;
  restore: (state: DetectorState, options: DetectorOptions) => Detector;
};

const FACTORIES: Record<string, Factory> = {
  'suppressed-quantile': {
    create: (o) =>
      new SuppressedDetector({
        detector: new SeasonalBlendDetector({ base: new QuantileDetector(o) }),
      }),
    restore: (s) =>
      SuppressedDetector.restore(s, {
        detector: restoreDetector(s.inner as DetectorState),
      }),
  },
  'seasonal-blend': {
    create: (o) => new SeasonalBlendDetector({ base: new QuantileDetector(o) }),
    restore: (s) =>
      SeasonalBlendDetector.restore(s, {
        base: restoreDetector(s.base as DetectorState),
      }),
  },
  ensemble: {
    create: (o) => new EnsembleDetector(o),
    restore: (s, o) => EnsembleDetector.restore(s, o),
  },
  ewma: {
    create: (o) => new EwmaDetector(o),
    restore: (s, o) => EwmaDetector.restore(s, o),
  },
  robust: {
    create: (o) => new RobustDetector(o),
    restore: (s, o) => RobustDetector.restore(s, o),
  },
  quantile: {
    create: (o) => new QuantileDetector(o),
    restore: (s, o) => QuantileDetector.restore(s, o),
  },
  cusum: {
    create: (o) => new CusumDetector(o),
    restore: (s, o) => CusumDetector.restore(s, o),
  },
  trend: {
    create: (o) => new TrendDetector(o),
    restore: (s, o) => TrendDetector.restore(s, o),
  },
  seasonal: {
    create: (o) => new SeasonalDetector(o),
    restore: (s, o) => SeasonalDetector.restore(s, o),
  },
  'error-rate': {
    create: (o) => new ErrorRateDetector(o),
    restore: (s, o) => ErrorRateDetector.restore(s, o),
  },
  throughput: {
    create: (o) => new ThroughputDetector(o),
    restore: (s, o) => ThroughputDetector.restore(s, o),
  },
  staleness: {
    create: (o) => new StalenessDetector(o),
    restore: (s, o) => StalenessDetector.restore(s, o),
  },
};

/** Detector that the CLI and the NAB benchmark use when no detector name is given. */
export const DEFAULT_DETECTOR = 'suppressed-quantile';

/** Names that `createDetector` accepts. */
export const DETECTOR_NAMES: readonly string[] = Object.keys(FACTORIES);

function factoryOf(name: string): Factory {
  const factory = FACTORIES[name];
  if (factory === undefined) {
    throw new AnomalyError(
      'ANOMALY_UNKNOWN_DETECTOR',
      `unknown detector '${name}': use one of ${DETECTOR_NAMES.join(', ')}`,
    );
  }
  return factory;
}

/** Creates a detector by its algorithm name. */
export function createDetector(
  name: string,
  options: DetectorOptions = {},
): Detector {
  return factoryOf(name).create(options);
}

/** Rebuilds a detector of any built-in algorithm from its `toJSON()` output. */
export function restoreDetector(
  state: DetectorState,
  options: DetectorOptions = {},
): Detector {
  if (typeof state?.algorithm !== 'string') {
    throw new AnomalyError(
      'ANOMALY_INVALID_STATE',
      'detector state has no algorithm name: pass the object that toJSON() returned',
    );
  }
  return factoryOf(state.algorithm).restore(state, options);
}
