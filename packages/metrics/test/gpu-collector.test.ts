import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  NvidiaSmiCollector,
  PrometheusExporter,
  parseNvidiaSmiCsv,
} from '../src/index.js';
import { checkMetrics } from './support/promtool.js';

const CSV = [
  '0, NVIDIA A100-SXM4-40GB, 37, 1024, 40960',
  '1, NVIDIA A100-SXM4-40GB, [N/A], 0, 40960',
  '',
].join('\n');

let dir: string;
let savedPath: string | undefined;

/** Puts a fake `nvidia-smi` that runs `body` first on PATH. */
function fakeNvidiaSmi(body: string): void {
  const script = join(dir, 'nvidia-smi');
  writeFileSync(script, `#!/bin/sh\n${body}\n`);
  chmodSync(script, 0o755);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmorch-gpu-'));
  savedPath = process.env.PATH;
  process.env.PATH = `${dir}:${savedPath ?? ''}`;
});

afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('parseNvidiaSmiCsv', () => {
  test('reads every field', () => {
    expect(parseNvidiaSmiCsv(CSV)[0]).toEqual({
      index: '0',
      name: 'NVIDIA A100-SXM4-40GB',
      utilizationRatio: 0.37,
      memoryUsedBytes: 1024 * 1024 * 1024,
      memoryTotalBytes: 40960 * 1024 * 1024,
    });
  });

  test('skips unavailable fields', () => {
    expect(parseNvidiaSmiCsv(CSV)[1]?.utilizationRatio).toBeUndefined();
  });

  test('ignores short lines', () => {
    expect(parseNvidiaSmiCsv('No devices were found\n')).toEqual([]);
  });
});

describe('NvidiaSmiCollector', () => {
  test('runs nvidia-smi from PATH', async () => {
    fakeNvidiaSmi(`printf '${CSV.replace(/\n/g, '\\n')}'`);

    const samples = await new NvidiaSmiCollector().collect();

    expect(samples.map((s) => s.index)).toEqual(['0', '1']);
  });

  test('passes the CSV query', async () => {
    fakeNvidiaSmi('echo "0, $(echo "$1 $2" | tr , " "), 1, 1, 1"');

    const [sample] = await new NvidiaSmiCollector().collect();

    expect(sample?.name).toBe(
      '--query-gpu=index name utilization.gpu memory.used memory.total --format=csv noheader nounits',
    );
  });

  test('returns nothing without the binary', async () => {
    const collector = new NvidiaSmiCollector({ command: join(dir, 'absent') });

    const samples = await collector.collect();

    expect(samples).toEqual([]);
    expect(collector.available).toBe(false);
  });

  test('rejects when the command fails', async () => {
    fakeNvidiaSmi('echo "NVIDIA-SMI has failed" >&2; exit 9');

    await expect(new NvidiaSmiCollector().collect()).rejects.toThrow();
  });
});

describe('GPU gauges', () => {
  test('export the fake GPUs', async () => {
    fakeNvidiaSmi(`printf '${CSV.replace(/\n/g, '\\n')}'`);
    const exporter = new PrometheusExporter({ processMetrics: false });

    const text = await exporter.formatMetrics();

    expect(text).toContain(
      'mmorch_gpu_utilization_ratio{gpu="0",name="NVIDIA A100-SXM4-40GB"} 0.37',
    );
    expect(text).toContain(
      'mmorch_gpu_memory_total_bytes{gpu="1",name="NVIDIA A100-SXM4-40GB"} 42949672960',
    );
    expect(checkMetrics(text)).toEqual({ status: 0, output: '' });
  });

  test('stay empty without GPUs', async () => {
    const exporter = new PrometheusExporter({
      processMetrics: false,
      gpuCollector: new NvidiaSmiCollector({ command: join(dir, 'absent') }),
    });

    const text = await exporter.formatMetrics();

    expect(text).not.toMatch(/^mmorch_gpu_utilization_ratio\{/m);
    expect(checkMetrics(text)).toEqual({ status: 0, output: '' });
  });

  test('report collector failures', async () => {
    const exporter = new PrometheusExporter({
      processMetrics: false,
      gpuCollector: { collect: () => Promise.reject(new Error('driver gone')) },
    });

    await exporter.formatMetrics();

    expect(exporter.getStatus().lastError?.message).toBe('driver gone');
  });
});
