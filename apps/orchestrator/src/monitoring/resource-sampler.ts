import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** One sample of process resources. */
export interface ResourceSample {
  /** Process CPU use since the last sample, percent of all cores. */
  cpuPercent: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
  /** V8 heap in use, in bytes. */
  heapUsedBytes: number;
  /** Mean event-loop delay since the last sample, in milliseconds. */
  eventLoopLagMs: number;
  /** Per GPU utilization and memory, when `nvidia-smi` runs. */
  gpus: Array<{
    index: number;
    utilizationPercent: number;
    memoryUsedBytes: number;
  }>;
}

/** Options of the resource sampler. */
export interface ResourceSamplerOptions {
  /** Time between samples, in milliseconds. */
  intervalMs: number;
  /** Whether to query `nvidia-smi`. */
  gpu: boolean;
  /** Receives each sample. It must not throw. */
  onSample(sample: ResourceSample): void;
  /** Receives sampling failures (a failed `nvidia-smi` call). */
  onError(error: unknown): void;
}

/**
 * Samples CPU, memory, event-loop lag and, where `nvidia-smi` is installed,
 * GPU use on an unref'ed timer.
 */
export class ResourceSampler {
  private timer: NodeJS.Timeout | undefined;
  private histogram: IntervalHistogram | undefined;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private gpuAvailable: boolean;
  private gpus: ResourceSample['gpus'] = [];

  constructor(private readonly options: ResourceSamplerOptions) {
    this.gpuAvailable = options.gpu;
  }

  /** Starts sampling. */
  start(): void {
    if (this.timer) {
      return;
    }
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram?.disable();
  }

  /** Takes one sample now and returns it. */
  sample(): ResourceSample {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedMicros = Math.max(1, (now - this.lastAt) * 1000);
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;

    const memory = process.memoryUsage();
    const lag = this.histogram ? this.histogram.mean / 1e6 : 0;
    this.histogram?.reset();
    return {
      cpuPercent:
        ((cpu.user + cpu.system) / elapsedMicros / availableParallelism()) *
        100,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopLagMs: Number.isFinite(lag) ? lag : 0,
      gpus: this.gpus,
    };
  }

  private tick(): void {
    this.options.onSample(this.sample());
    if (this.gpuAvailable) {
      this.queryGpus();
    }
  }

  /** Reads GPU use for the next sample, and stops if there is no GPU tool. */
  private queryGpus(): void {
    execFile(
      'nvidia-smi',
      [
        '--query-gpu=index,utilization.gpu,memory.used',
        '--format=csv,noheader,nounits',
      ],
      { timeout: 2_000 },
      (error, stdout) => {
        if (error) {
          const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
          this.gpuAvailable = false;
          if (!missing) {
            this.options.onError(error);
          }
          return;
        }
        this.gpus = stdout
          .trim()
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => {
            const [index, utilization, memoryMiB] = line.split(',').map(Number);
            return {
              index: index ?? 0,
              utilizationPercent: utilization ?? 0,
              memoryUsedBytes: (memoryMiB ?? 0) * 1024 * 1024,
            };
          });
      },
    );
  }
}
