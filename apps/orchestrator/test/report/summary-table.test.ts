import { expect, it } from 'vitest';
import { formatSummaryTable } from '../../src/report/summary-table.js';
import { demoResultFixture } from './demo-result-fixture.js';

it('formats the summary table', () => {
  expect(
    formatSummaryTable(demoResultFixture().summaries),
  ).toMatchInlineSnapshot(`
    "model  requests  req/s  p50 ms  p95 ms  p99 ms  TTFT p50 ms  errors  rejected  cache hits
    -----  --------  -----  ------  ------  ------  -----------  ------  --------  ----------
    conv       1000   99.0      30      80     120           12       6         4       25.0%
    code       1000   99.0      30      80     120           12       6         4       25.0%"
  `);
});
