import { Gauge, type Registry } from 'prom-client';
import type { GpuCollector, GpuSample } from './gpu-collector.js';

/** Samples older than this are read again, in ms. */
const SAMPLE_TTL_MS = 1000;

/**
 * Registers GPU utilization and memory gauges that read `collector` once
 * per scrape (the three gauges share one read). A failed read clears the
 * gauges and goes to `onError`.
 */
export function registerGpuMetrics(
  registry: Registry,
  prefix: string,
  collector: GpuCollector,
  onError: (error: unknown) => void,
): void {
  let pending: Promise<GpuSample[]> | undefined;
  let readAt = 0;
  const read = () => {
    const now = Date.now();
    if (pending === undefined || now - readAt > SAMPLE_TTL_MS) {
      readAt = now;
      pending = collector.collect().catch((error: unknown) => {
        onError(error);
        return [];
      });
    }
    return pending;
  };

  const gauge = (
    name: string,
    help: string,
    pick: (sample: GpuSample) => number | undefined,
  ) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames: ['gpu', 'name'],
      registers: [registry],
      async collect() {
        const samples = await read();
        this.reset();
        for (const sample of samples) {
          const value = pick(sample);
          if (value !== undefined) {
            this.set({ gpu: sample.index, name: sample.name }, value);
          }
        }
      },
    });

  gauge(
    'gpu_utilization_ratio',
    'GPU busy fraction over the driver sample period (0 to 1).',
    (sample) => sample.utilizationRatio,
  );
  gauge(
    'gpu_memory_used_bytes',
    'GPU memory in use, in bytes.',
    (sample) => sample.memoryUsedBytes,
  );
  gauge(
    'gpu_memory_total_bytes',
    'GPU memory of the device, in bytes.',
    (sample) => sample.memoryTotalBytes,
  );
}
