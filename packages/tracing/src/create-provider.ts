import type { TracingConfigOutput } from '@mm-orch/config';
import type { Attributes } from '@opentelemetry/api';
import {
  defaultResource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import type { RootSampler } from './root-sampler.js';
import type { SpanPipeline } from './span-pipeline.js';

/**
 * Builds the tracer provider of one `OTelTracer`: the service resource, a
 * parent-based sampler with the ratio sampler of `rootSampler` for roots,
 * its id generator, the span limits and the span pipeline.
 */
export function createProvider(
  config: TracingConfigOutput,
  pipeline: SpanPipeline,
  rootSampler: RootSampler,
): BasicTracerProvider {
  const serviceAttributes: Attributes = {
    [ATTR_SERVICE_NAME]: config.serviceName,
  };
  if (config.serviceVersion !== undefined) {
    serviceAttributes[ATTR_SERVICE_VERSION] = config.serviceVersion;
  }

  const root = rootSampler.ratioSampler;
  return new BasicTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes(serviceAttributes),
    ),
    sampler: new ParentBasedSampler({ root }),
    idGenerator: rootSampler.idGenerator,
    spanLimits: config.spanLimits,
    spanProcessors: [pipeline.processor],
    forceFlushTimeoutMillis: config.flushTimeout,
  });
}
