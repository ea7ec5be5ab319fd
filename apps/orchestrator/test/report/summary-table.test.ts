import { expect, it } from 'vitest';
import { formatSummaryTable } from '../../src/report/summary-table.js';
import { demoResultFixture } from './demo-result-fixture.js';

it('formats the summary table', () => {
  expect(formatSummaryTable(demoResultFixture().summaries)).toMatchInlineSnapshot();
});
