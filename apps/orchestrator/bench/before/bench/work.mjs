// The stand-in for a small model: a fixed amount of CPU work, so that a
// request costs the same CPU time however busy the machine is.

/** Runs `iterations` rounds of integer arithmetic and returns the result. */
export function work(iterations) {
  let value = 1;
  for (let i = 0; i < iterations; i++) {
    value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
  }
  return value;
}

/**
 * Returns the iterations of `work` that take about `targetMs` of CPU. It
 * keeps the fastest of several timings, the one least disturbed by other
 * processes.
 */
export function calibrateWork(targetMs) {
  const probe = 200_000;
  let fastest = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 20; trial++) {
    const started = performance.now();
    work(probe);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return Math.max(1, Math.round((probe * targetMs) / fastest));
}
