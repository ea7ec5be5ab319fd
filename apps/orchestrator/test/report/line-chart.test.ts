import { describe, expect, it } from 'vitest';
import { renderLineChart } from '../../src/report/line-chart.js';
import { niceTicks } from '../../src/report/nice-ticks.js';

describe('renderLineChart', () => {
  it('breaks the line at gaps', () => {
    const svg = renderLineChart({
      title: 't',
      unit: 'ms',
      xMaxMs: 3_000,
      series: [
        {
          name: 'p95',
          color: '#000',
          points: [
            [0, 1],
            [1_000, Number.NaN],
            [2_000, 2],
            [3_000, 3],
          ],
        },
      ],
    });
    const path = /<path class="series" d="([^"]*)"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('draws an empty chart', () => {
    const svg = renderLineChart({
      title: 't',
      unit: 'ms',
      xMaxMs: 0,
      series: [],
    });
    expect(svg).toContain('</svg>');
  });
});

describe('niceTicks', () => {
  it.each([
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [7, [0, 2, 4, 6, 8]],
    [230, [0, 50, 100, 150, 200, 250]],
    [0, [0, 1]],
  ])('ticks up to %d', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});
