import { ConfigError, OrchestratorConfig, parseConfig } from '@mm-orch/config';
import { describe, expect, it } from 'vitest';

function parse(input: unknown) {
  return parseConfig(OrchestratorConfig, input);
}

function problemsOf(input: unknown): string {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('OrchestratorConfig', () => {
  it('defaults to two simulated models', () => {
    const config = parse({});

    expect(config.models.map((model) => model.name)).toEqual([
      'sim-chat',
      'sim-code',
    ]);
    expect(config.models[0]?.adapter.type).toBe('simulated');
  });

  it('listens on 127.0.0.1:8080', () => {
    const { server } = parse({});

    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBe(8080);
    expect(server.requestTimeout).toBe(30_000);
  });

  it('resends anomaly alerts every minute', () => {
    expect(parse({}).anomalyAlerts.resendInterval).toBe(60_000);
  });

  it('parses the resend interval', () => {
    const config = parse({ anomalyAlerts: { resendInterval: '30s' } });

    expect(config.anomalyAlerts.resendInterval).toBe(30_000);
  });

  it('rejects a zero resend interval', () => {
    expect(problemsOf({ anomalyAlerts: { resendInterval: 0 } })).toMatch(
      /anomalyAlerts\.resendInterval.*above 0/s,
    );
  });

  it('samples 5% of traces', () => {
    expect(parse({}).tracing.samplerRatio).toBe(0.05);
  });

  it('keeps 100 spans in memory', () => {
    expect(parse({}).tracing.exporter).toEqual({
      type: 'memory',
      maxSpans: 100,
    });
  });

  it('keeps 5% sampling with an OTLP exporter', () => {
    const tracing = parse({
      tracing: {
        exporter: { type: 'otlp-http', url: 'http://127.0.0.1:4318/v1/traces' },
      },
    }).tracing;
    expect(tracing.samplerRatio).toBe(0.05);
    expect(tracing.exporter.type).toBe('otlp-http');
  });

  it('reads durations with units', () => {
    const config = parse({
      server: { requestTimeout: '2s' },
      models: [
        { name: 'm', adapter: { type: 'function' }, maxBatchDelay: '10ms' },
      ],
    });

    expect(config.server.requestTimeout).toBe(2000);
    expect(config.models[0]?.maxBatchDelay).toBe(10);
  });

  it('redacts the upstream API key', () => {
    const config = parse({
      models: [
        {
          name: 'remote',
          adapter: {
            type: 'http',
            url: 'http://127.0.0.1:8000/v1',
            apiKey: 'sk-secret',
          },
        },
      ],
    });

    expect(JSON.stringify(config)).not.toContain('sk-secret');
  });

  it('rejects duplicate model names', () => {
    const message = problemsOf({
      models: [
        { name: 'a', adapter: { type: 'function' } },
        { name: 'a', adapter: { type: 'function' } },
      ],
    });

    expect(message).toMatch(/duplicate model name "a"/);
  });

  it('rejects an unknown adapter type', () => {
    expect(
      problemsOf({ models: [{ name: 'a', adapter: { type: 'grpc' } }] }),
    ).toMatch(/models\[0\]\.adapter\.type/);
  });

  it('rejects a bad upstream URL', () => {
    expect(
      problemsOf({
        models: [{ name: 'a', adapter: { type: 'http', url: 'htp:/x' } }],
      }),
    ).toMatch(/models\[0\]\.adapter\.url/);
  });
});
