import {
  type Logger,
  parseConfig,
  silentLogger,
  TracingConfig,
  type TracingConfigInput,
  type TracingConfigOutput,
} from '@mm-orch/config';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Options of `new OTelTracer()`: the `TracingConfig` fields and two more. */
export type OTelTracerOptions = TracingConfigInput & {
  /** Logger for export failures; silent when not given. */
  logger?: Logger;
  /**
   * Exporter used in place of the configured one, behind the same batch
   * processor and failure guard. Meant for custom backends and tests.
   */
  spanExporter?: SpanExporter;
};

/** Options of `OTelTracer` after parsing. */
export interface ParsedTracerOptions {
  config: TracingConfigOutput;
  logger: Logger;
  spanExporter?: SpanExporter;
}

/**
 * Parses the options of `new OTelTracer()` with the `TracingConfig` schema.
 * @throws ConfigError from `@mm-orch/config`, with code `CONFIG_INVALID`,
 * listing every invalid field.
 */
export function parseTracerOptions(
  options: OTelTracerOptions = {},
): ParsedTracerOptions {
  const { logger, spanExporter, ...input } = options;
  const config = parseConfig(TracingConfig, input, {
    source: 'OTelTracer options',
  });

  return { config, logger: logger ?? silentLogger, spanExporter };
}
