import { OrchestratorConfig } from '@mm-orch/config';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../src/demo/demo-config.js';

const OPTIONS = {
  speed: 60,
  reportDir: '/tmp/mm-orch-demo-config',
  models: { conv: 'conv', code: 'code' },
  baselineRssBytes: 100 * 1_024 * 1_024,
};

describe('demoConfig', () => {
  const config = OrchestratorConfig.parse(demoConfig(OPTIONS));

  it('serves both models', () => {
    expect(config.models.map((model) => model.name)).toEqual(['conv', 'code']);
  });

  it('listens on free ports', () => {
    expect([config.server.port, config.metrics.port]).toEqual([0, 0]);
  });

  it('scales alert grouping by speed', () => {
    expect(config.alerting.route.groupWait).toBe(500);
  });

  it('budgets memory above the baseline', () => {
    expect(config.anomaly.resources.memory?.capacity).toBe(612 * 1_024 * 1_024);
  });

  it('watches latency per output token', () => {
    expect(config.anomaly.latency).toMatchObject({
      statistic: 'p90',
      per: 'outputToken',
    });
  });

  it('writes the alert log beside the report', () => {
    expect(config.alerting.destinations[1]).toMatchObject({
      type: 'file',
      path: '/tmp/mm-orch-demo-config/demo-alerts.jsonl',
    });
  });
});
