export {
  createDetector,
  DEFAULT_DETECTOR,
  DETECTOR_NAMES,
  type DetectorOptions,
  restoreDetector,
} from './detectors/create-detector.js';
export {
  CusumDetector,
  type CusumDetectorOptions,
} from './detectors/cusum-detector.js';
export {
  type Detector,
  type DetectorCounts,
  type DetectorResult,
  type DetectorState,
  scoreFromDeviations,
} from './detectors/detector.js';
export {
  EnsembleDetector,
  type EnsembleDetectorOptions,
} from './detectors/ensemble-detector.js';
export {
  ErrorRateDetector,
  type ErrorRateDetectorOptions,
} from './detectors/error-rate-detector.js';
export {
  EwmaDetector,
  type EwmaDetectorOptions,
} from './detectors/ewma-detector.js';
export {
  type AlertPhase,
  type AlertTransition,
  Hysteresis,
  type HysteresisOptions,
  type HysteresisState,
} from './detectors/hysteresis.js';
export { PSquareQuantile } from './detectors/p-square.js';
export {
  normalQuantile,
  QuantileDetector,
  type QuantileDetectorOptions,
} from './detectors/quantile-detector.js';
export {
  RobustDetector,
  type RobustDetectorOptions,
} from './detectors/robust-detector.js';
export {
  SeasonalBlendDetector,
  type SeasonalBlendDetectorOptions,
} from './detectors/seasonal-blend-detector.js';
export {
  SeasonalDetector,
  type SeasonalDetectorOptions,
} from './detectors/seasonal-detector.js';
export {
  StalenessDetector,
  type StalenessDetectorOptions,
} from './detectors/staleness-detector.js';
export {
  SuppressedDetector,
  type SuppressedDetectorOptions,
} from './detectors/suppressed-detector.js';
export {
  ThroughputDetector,
  type ThroughputDetectorOptions,
} from './detectors/throughput-detector.js';
export {
  TrendDetector,
  type TrendDetectorOptions,
  type TrendResult,
} from './detectors/trend-detector.js';
export {
  binomialDeviations,
  type WilsonInterval,
  wilsonInterval,
} from './detectors/wilson.js';
export { AnomalyError, type AnomalyErrorCode } from './errors.js';
export type {
  AnomalyEvent,
  AnomalyListener,
  AnomalySeverity,
  AnomalySignal,
} from './monitor/anomaly-event.js';
export type { LatencyQuantiles } from './monitor/model-window.js';
export type {
  EventTime,
  InferenceRecord,
  ModelSnapshot,
  MonitorCounts,
  MonitorStatus,
  PerformanceMonitorOptions,
  ResourceSample,
} from './monitor/monitor-types.js';
export {
  PerformanceMonitor,
  SHARED_MODEL,
} from './monitor/performance-monitor.js';
export {
  evaluateNab,
  type NabEvaluation,
  scoreSeries,
} from './nab/evaluate-nab.js';
export { loadNabCorpus, type NabCorpusFile } from './nab/nab-corpus.js';
export {
  NAB_PROFILES,
  type NabProfile,
  probationRows,
  scaledSigmoid,
} from './nab/nab-profiles.js';
export {
  falsePositiveCost,
  type NabFile,
  type NabScore,
  type NabSweepResult,
  normalizeRaw,
  scoreAtThreshold,
  sweepThreshold,
  windowCredit,
} from './nab/nab-scorer.js';
export {
  formatScoresCsv,
  parseSeriesCsv,
  parseTimestamp,
  type Series,
} from './nab/series-csv.js';

/** Version of the @mm-orch/anomaly package. */
export const VERSION = '0.1.0';
