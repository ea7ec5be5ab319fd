import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/demo.js';
import { type CapturedIo, captureIo } from '../replay/capture-io.js';

// A 20 s slice from minute 20 of the traces at 30x: ten minutes of both
// services, with the incident from minute 24 to minute 26.5.
const SLICE = ['--speed', '30', '--duration', '20', '--from', '1200'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mm-orch-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo with an incident', () => {
  let io: CapturedIo;
  let code: number;
  let reportPath: string;

  beforeAll(async () => {
    io = captureIo();
    reportPath = join(dir, 'errors.html');
    code = await run(
      [...SLICE, '--incident', 'errors', '--report', reportPath],
      io,
    );
  }, 90_000);

  it('exits with 0', () => {
    expect(code).toBe(0);
  });

  it('detects the error burst', () => {
    expect(io.out()).toMatch(
      /detected errorRate on code \(\w+\) after \d+\.\d s/,
    );
  });

  it('delivers alerts to both destinations', () => {
    expect(io.out()).toMatch(
      /alerts delivered: .*memory [1-9].*alert-log [1-9]/,
    );
  });

  it('prints the endpoint addresses', () => {
    expect(io.err()).toMatch(
      /metrics: http:\/\/127\.0\.0\.1:\d+\/metrics {2}status: http:\/\/127\.0\.0\.1:\d+\/status/,
    );
  });

  it('writes the report', async () => {
    const html = await readFile(reportPath, 'utf8');
    expect(html).toContain('<svg class="chart"');
  });
});

// Twenty minutes from minute 20 at 60x, with the default incident from
// minute 28 to minute 33: a slice long enough for eight minutes of baseline
// and three one-minute intervals of slowdown before the detector fires.
const SLOWDOWN_SLICE = ['--speed', '60', '--duration', '20', '--from', '1200'];

describe('demo with the default slowdown', () => {
  let io: CapturedIo;
  let code: number;

  beforeAll(async () => {
    io = captureIo();
    code = await run(
      [...SLOWDOWN_SLICE, '--report', join(dir, 'slowdown.html')],
      io,
    );
  }, 90_000);

  it('exits with 0', () => {
    expect(code).toBe(0);
  });

  it('detects the slowdown', () => {
    expect(io.out()).toMatch(
      /detected latency on code \(\w+\) after \d+\.\d s/,
    );
  });
});

describe('demo without an incident', () => {
  let io: CapturedIo;
  let code: number;

  beforeAll(async () => {
    io = captureIo();
    code = await run(
      [...SLICE, '--incident', 'none', '--report', join(dir, 'none.html')],
      io,
    );
  }, 90_000);

  it('exits with 0', () => {
    expect(code).toBe(0);
  });

  it('raises no alarm', () => {
    expect(io.out()).toContain('false alarms: 0\n');
  });

  it('delivers no alert', () => {
    expect(io.out()).toContain('alerts delivered: none');
  });
});

describe('demo input errors', () => {
  it('rejects an unknown incident', async () => {
    const io = captureIo();
    const code = await run(['--incident', 'flood'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'mm-orch demo: unknown incident "flood", expected one of slowdown, errors, stall, leak, none\n',
    );
  });

  it('rejects an invalid speed', async () => {
    const io = captureIo();
    const code = await run(['--speed', 'fast'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'mm-orch demo: invalid --speed "fast", expected a number greater than 0\n',
    );
  });

  it('rejects a negative start', async () => {
    const io = captureIo();
    const code = await run(['--from=-5'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'mm-orch demo: invalid --from "-5", expected a number of 0 or more\n',
    );
  });

  it('rejects an unknown option', async () => {
    const io = captureIo();
    const code = await run(['--incidnet', 'none'], io);
    expect(code).toBe(2);
    expect(io.err().split('\n')).toHaveLength(2);
  });

  it('writes no report on errors', () => {
    expect(existsSync(join(dir, 'flood.html'))).toBe(false);
  });
});
