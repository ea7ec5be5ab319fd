import type { MonitorCounts, MonitorStatus } from './monitor-types.js';

/** Monitor state and limits that `buildMonitorStatus` reports. */
export interface MonitorStatusInput {
  enabled: boolean;
  models: number;
  activeAnomalies: number;
  intervalsClosed: number;
  eventTimeMs: number;
  maxModels: number;
  maxResourcesPerModel: number;
}

/** Builds the status object of a monitor from its counts and state. */
export function buildMonitorStatus(
  counts: MonitorCounts,
  input: MonitorStatusInput,
): MonitorStatus {
  const reasons = degradationReasons(counts, input);
  const status: MonitorStatus = {
    degraded: reasons.length > 0,
    enabled: input.enabled,
    models: input.models,
    activeAnomalies: input.activeAnomalies,
    intervalsClosed: input.intervalsClosed,
    eventTimeMs: input.eventTimeMs,
    counts: { ...counts },
  };
  if (reasons.length > 0) {
    status.degradationReason = reasons.join('; ');
  }
  return status;
}

/** Lists what degraded a monitor, one phrase per kind of lost work. */
export function degradationReasons(
  counts: MonitorCounts,
  limits: { maxModels: number; maxResourcesPerModel: number },
): string[] {
  const reasons: string[] = [];
  if (counts.invalid > 0) {
    reasons.push(`${counts.invalid} invalid records dropped`);
  }
  if (counts.overModelLimit > 0) {
    reasons.push(
      `${counts.overModelLimit} records dropped over the limit of ${limits.maxModels} models`,
    );
  }
  if (counts.overResourceLimit > 0) {
    reasons.push(
      `${counts.overResourceLimit} resource samples dropped over the limit of ${limits.maxResourcesPerModel} resources per model`,
    );
  }
  if (counts.listenerErrors > 0) {
    reasons.push(`${counts.listenerErrors} listener calls threw`);
  }
  return reasons;
}

/** Returns monitor counts that are all zero. */
export function zeroMonitorCounts(): MonitorCounts {
  return {
    inferences: 0,
    resourceSamples: 0,
    invalid: 0,
    late: 0,
    overModelLimit: 0,
    overResourceLimit: 0,
    skippedIntervals: 0,
    listenerErrors: 0,
    events: 0,
  };
}
