import type { PrometheusExporter } from '@mm-orch/metrics';
import type { ModelState } from '../models/model-runtime.js';
import type { FailureTracker } from './failure-tracker.js';

type LifecycleEvent =
  | 'load'
  | 'warmup'
  | 'loaded'
  | 'unload'
  | 'unloaded'
  | 'failed';

const EVENT_OF_STATE: Partial<Record<ModelState, LifecycleEvent>> = {
  loading: 'load',
  warming: 'warmup',
  ready: 'loaded',
  unloading: 'unload',
  unloaded: 'unloaded',
  failed: 'failed',
};

/** Counts model lifecycle events, with the load duration on `loaded`. */
export class LifecycleRecorder {
  private readonly loadStartedAt = new Map<string, number>();

  constructor(
    private readonly exporter: PrometheusExporter | undefined,
    private readonly failures: FailureTracker,
  ) {}

  /** Records one state change of `model`. */
  record(model: string, _from: ModelState, to: ModelState): void {
    const event = EVENT_OF_STATE[to];
    if (to === 'loading') {
      this.loadStartedAt.set(model, performance.now());
    }
    const exporter = this.exporter;
    if (!exporter || !event) {
      return;
    }

    const started = this.loadStartedAt.get(model);
    const durationSeconds =
      to === 'ready' && started !== undefined
        ? (performance.now() - started) / 1000
        : undefined;
    this.failures.run(
      'metrics',
      () => exporter.recordModelLifecycle({ model, event, durationSeconds }),
      undefined,
    );
  }
}
