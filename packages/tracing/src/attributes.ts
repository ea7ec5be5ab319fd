/**
 * Attribute names of the OpenTelemetry GenAI semantic conventions
 * (semantic-conventions 1.45, still incubating there, which is why they are
 * copied here instead of imported from the unstable entry point).
 */
export const GEN_AI_ATTRIBUTES = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  errorType: 'error.type',
} as const;

/** Attribute names of mm-orch's own queue, cache and batch data. */
export const MM_ORCH_ATTRIBUTES = {
  requestId: 'mm_orch.request.id',
  queueWaitMs: 'mm_orch.queue.wait_ms',
  queueDepth: 'mm_orch.queue.depth',
  cacheHit: 'mm_orch.cache.hit',
  batchId: 'mm_orch.batch.id',
  batchTraceId: 'mm_orch.batch.trace_id',
  batchSize: 'mm_orch.batch.size',
} as const;

/**
 * Value of `error.type` when the error has no string `code` and no name
 * other than `Error`, as the semantic conventions prescribe.
 */
export const OTHER_ERROR_TYPE = '_OTHER';
