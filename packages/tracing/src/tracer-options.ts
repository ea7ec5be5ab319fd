import {
  type Logger,
  silentLogger,
  TracingConfig,
  type TracingConfigInput,
  type TracingConfigOutput,
} from '@mm-orch/config';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { TracingError } from './tracing-error.js';

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
 * @throws TracingError with code `TRACING_INVALID_OPTIONS` listing every
 * invalid field.
 */
export function parseTracerOptions(
  options: OTelTracerOptions = {},
): ParsedTracerOptions {
  const { logger, spanExporter, ...input } = options;
  // TODO: switch to `parseConfig` from @mm-orch/config once it is exported,
  // so that these errors match the other packages' `ConfigError`.
  const result = TracingConfig.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join('.') || '(options)';
      return `${path}: ${issue.message}`;
    });
    throw new TracingError(
      'TRACING_INVALID_OPTIONS',
      `invalid tracing options: ${problems.join('; ')}. Fix these fields in the options of new OTelTracer().`,
    );
  }

  return { config: result.data, logger: logger ?? silentLogger, spanExporter };
}
