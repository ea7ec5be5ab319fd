import type { SimulatedFaultConfigOutput } from '@mm-orch/config';
import { ReplayError } from '../replay/replay-error.js';

/** A fault that the demo injects into one simulated model for a while. */
export interface Incident {
  /** Name used with `--incident`. */
  name: string;
  /** One-line description for the summary and the report. */
  description: string;
  /** Role of the model that gets the fault: the conv or the code model. */
  target: 'conv' | 'code';
  /** Faults switched on at the incident start and back off at its end. */
  faults: Partial<SimulatedFaultConfigOutput>;
}

/** The incidents that `mm-orch demo --incident` accepts, `none` aside. */
export const INCIDENTS: Record<string, Incident> = {
  slowdown: {
    name: 'slowdown',
    description: 'code model 3x slower',
    target: 'code',
    faults: { slowdownFactor: 3 },
  },
  errors: {
    name: 'errors',
    description: '30% of code model calls fail',
    target: 'code',
    faults: { errorRate: 0.3 },
  },
  stall: {
    name: 'stall',
    description: 'code model calls hang until their deadline',
    target: 'code',
    faults: { stall: true },
  },
  leak: {
    name: 'leak',
    description: 'conv model retains 64 KiB of memory per call',
    target: 'conv',
    faults: { memoryGrowthBytes: 64 * 1_024 },
  },
};

/** Faults of a healthy simulated model, to switch an incident off. */
export const NO_FAULTS: SimulatedFaultConfigOutput = {
  slowdownFactor: 1,
  errorRate: 0,
  stall: false,
  memoryGrowthBytes: 0,
};

/**
 * Returns the incident called `name`, or `undefined` for `none`. Throws a
 * `ReplayError` with code `INVALID_ARGUMENT` for any other name.
 */
export function findIncident(name: string): Incident | undefined {
  if (name === 'none') {
    return undefined;
  }
  const incident = INCIDENTS[name];
  if (!incident) {
    const known = [...Object.keys(INCIDENTS), 'none'].join(', ');
    throw new ReplayError(
      'INVALID_ARGUMENT',
      `unknown incident ${JSON.stringify(name)}, expected one of ${known}`,
    );
  }
  return incident;
}
