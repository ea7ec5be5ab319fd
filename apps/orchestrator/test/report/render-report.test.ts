import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/render-report.js';
import { demoResultFixture } from './demo-result-fixture.js';

describe('renderReport', () => {
  const html = renderReport(demoResultFixture());

  it('draws three charts per model', () => {
    expect(html.match(/<svg class="chart"/g)).toHaveLength(6);
  });

  it('shades the incident window once', () => {
    expect(html.match(/<rect class="incident"/g)).toHaveLength(3);
  });

  it('marks the detection', () => {
    expect(html).toContain('class="marker marker-anomaly"');
  });

  it('marks the false alarm', () => {
    expect(html).toContain('class="marker marker-false-alarm"');
  });

  it('marks the delivered alert', () => {
    expect(html).toContain('class="marker marker-alert"');
  });

  it('escapes detector text', () => {
    expect(html).not.toContain('<script>');
  });

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
  });

  it('credits the traces', () => {
    expect(html).toContain('https://creativecommons.org/licenses/by/4.0/');
  });

  it('lists alerts per destination', () => {
    expect(html).toContain('<td>alert-log</td><td>1</td>');
  });

  it('reports a missed incident', () => {
    const missed = { ...demoResultFixture(), anomalies: [] };
    expect(renderReport(missed)).toContain('class="missed"');
  });
});
