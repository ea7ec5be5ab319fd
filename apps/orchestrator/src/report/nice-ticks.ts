/**
 * Returns about `count` evenly spaced round tick values (steps of 1, 2 or 5
 * times a power of ten) from 0 up to at least `max`.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) {
    return [0, 1];
  }

  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * power).find((s) => s >= rough) ??
    10 * power;
  const ticks: number[] = [];
  for (let value = 0; value < max + step / 2; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  if (ticks.at(-1)! < max) {
    ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  }
  return ticks;
}
