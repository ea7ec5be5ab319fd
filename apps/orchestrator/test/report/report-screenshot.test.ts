import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { demoResultFixture } from './demo-result-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`skipping the report screenshot test: ${CHROMIUM} not found`);
}

describe.skipIf(!hasChromium)('report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let screenshot: Buffer;
  let chartBoxes: { width: number; height: number }[];
  let pathCount: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-orch-report-'));
    const reportPath = await writeReport(
      demoResultFixture(),
      join(dir, 'report.html'),
    );
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        pageErrors.push(message.text());
      }
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(reportPath).href);

    chartBoxes = await page
      .locator('svg.chart')
      .evaluateAll((charts) =>
        charts.map((chart) => chart.getBoundingClientRect()),
      );
    pathCount = await page.locator('svg.chart path.series').count();
    screenshot = await page.screenshot({ fullPage: true });
  });

  afterAll(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('raises no page errors', () => {
    expect(pageErrors).toEqual([]);
  });

  it('requests only the file', () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });

  it('renders every chart', () => {
    expect(chartBoxes).toHaveLength(6);
  });

  it('gives each chart a size', () => {
    const empty = chartBoxes.filter(
      (box) => box.width < 100 || box.height < 100,
    );
    expect(empty).toEqual([]);
  });

  it('draws the series lines', () => {
    // Latency has three lines, throughput and error rate one each.
    expect(pathCount).toBe(10);
  });

  it('takes a screenshot', () => {
    expect(screenshot.subarray(1, 4).toString()).toBe('PNG');
  });
});
