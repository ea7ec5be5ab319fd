// Measures points per second of every detector on one core, against a bare
// Welford mean/variance loop over the same points in the same run (the
// least work any detector could do), and the monitor's records per second.
// Run after `pnpm build`: node scripts/bench-speed.mjs [points]
import {
  createDetector,
  DETECTOR_NAMES,
  PerformanceMonitor,
} from '../dist/index.js';

const POINTS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = 3;
const STEP_MS = 60_000;

function makeSeries(count) {
  const values = new Float64Array(count);
  let state = 12345;
  let level = 0;
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    level = 0.9 * level + state / 2147483648;
    values[i] = 50 + level + (i % 5000 === 0 ? 30 : 0);
  }
  return values;
}

function bestRate(run) {
  let best = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const sink = run();
    const seconds = (performance.now() - started) / 1000;
    if (Number.isNaN(sink)) {
      throw new Error('benchmark sink is NaN');
    }
    best = Math.max(best, POINTS / seconds);
  }
  return best;
}

const values = makeSeries(POINTS);
const welford = bestRate(() => {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < POINTS; i += 1) {
    const delta = values[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (values[i] - mean);
  }
  return mean + m2;
});

const rows = [];
for (const name of DETECTOR_NAMES) {
  const rate = bestRate(() => {
    const detector = createDetector(name);
    let sum = 0;
    for (let i = 0; i < POINTS; i += 1) {
      sum += detector.update(i * STEP_MS, values[i]).score;
    }
    return sum;
  });
  rows.push([name, rate]);
}

const monitorRate = bestRate(() => {
  const monitor = new PerformanceMonitor({ timer: false, interval: '10s' });
  for (let i = 0; i < POINTS; i += 1) {
    monitor.recordInference({
      model: i % 4 === 0 ? 'small' : 'large',
      latencySeconds: values[i] / 100,
      ok: i % 50 !== 0,
      timestamp: i,
    });
  }
  monitor.close();
  return monitor.getStatus().counts.inferences;
});

const format = (rate) => Math.round(rate).toLocaleString('en-US').padStart(13);
console.log(
  `Node ${process.version}, ${POINTS.toLocaleString('en-US')} points, best of ${ROUNDS}`,
);
console.log(
  `${'detector'.padEnd(22)} ${'points/s'.padStart(13)}  vs Welford loop`,
);
console.log(`${'(Welford loop)'.padEnd(22)} ${format(welford)}  1.000`);
for (const [name, rate] of rows) {
  console.log(
    `${name.padEnd(22)} ${format(rate)}  ${(rate / welford).toFixed(3)}`,
  );
}
console.log(
  `${'monitor.recordInference'.padEnd(22)} ${format(monitorRate)}  ${(monitorRate / welford).toFixed(3)}`,
);
