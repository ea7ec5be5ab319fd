import { execFile } from 'node:child_process';

/** Utilization and memory of one GPU at one moment. */
export interface GpuSample {
  /** Index of the device, as the driver numbers it. */
  index: string;
  /** Product name of the device. */
  name: string;
  /** Busy fraction over the driver's last sample period, 0 to 1. */
  utilizationRatio?: number;
  /** Memory in use, in bytes. */
  memoryUsedBytes?: number;
  /** Memory of the device, in bytes. */
  memoryTotalBytes?: number;
}

/** Source of GPU samples, read once per scrape. */
export interface GpuCollector {
  /** Returns one sample per GPU, an empty list when there is none. */
  collect(): Promise<GpuSample[]>;
}

/** Options of `NvidiaSmiCollector`. */
export interface NvidiaSmiOptions {
  /** Command to run, looked up on `PATH`. @default 'nvidia-smi' */
  command?: string;
  /** Time after which a run is killed, in ms. @default 2000 */
  timeoutMs?: number;
}

const QUERY = [
  '--query-gpu=index,name,utilization.gpu,memory.used,memory.total',
  '--format=csv,noheader,nounits',
];
const MIB = 1024 * 1024;

/**
 * GPU collector that runs `nvidia-smi` and parses its CSV output. Where the
 * command does not exist it returns no samples and stops trying; other
 * failures reject, so that the exporter can report them.
 */
export class NvidiaSmiCollector implements GpuCollector {
  /** False once the command was found missing. */
  available = true;
  private readonly command: string;
  private readonly timeoutMs: number;

  constructor(options: NvidiaSmiOptions = {}) {
    this.command = options.command ?? 'nvidia-smi';
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  async collect(): Promise<GpuSample[]> {
    if (!this.available) {
      return [];
    }

    try {
      return parseNvidiaSmiCsv(await this.run());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.available = false;
        return [];
      }
      throw error;
    }
  }

  private run(): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.command,
        QUERY,
        { timeout: this.timeoutMs, windowsHide: true },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
  }
}

/**
 * Parses `nvidia-smi --format=csv,noheader,nounits` lines of index, name,
 * utilization (%), memory used and total (MiB). Fields such as `[N/A]` are
 * left out of the sample.
 */
export function parseNvidiaSmiCsv(text: string): GpuSample[] {
  const samples: GpuSample[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length < 5 || fields[0] === '') {
      continue;
    }

    const [index, name, utilization, used, total] = fields as string[];
    const sample: GpuSample = { index: index as string, name: name as string };
    const percent = Number(utilization);
    if (utilization !== '' && Number.isFinite(percent)) {
      sample.utilizationRatio = percent / 100;
    }
    const usedMib = Number(used);
    if (used !== '' && Number.isFinite(usedMib)) {
      sample.memoryUsedBytes = usedMib * MIB;
    }
    const totalMib = Number(total);
    if (total !== '' && Number.isFinite(totalMib)) {
      sample.memoryTotalBytes = totalMib * MIB;
    }
    samples.push(sample);
  }
  return samples;
}
