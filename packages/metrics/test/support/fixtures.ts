import type { InferenceRecord } from '../../src/index.js';

/** Requests that touch every family of the standard set. */
export const REQUESTS: InferenceRecord[] = [
  {
    model: 'llama-3-8b',
    durationSeconds: 1.2,
    status: 'ok',
    queueSeconds: 0.05,
    ttftSeconds: 0.21,
    inputTokens: 512,
    outputTokens: 128,
    batchSize: 4,
    prefillSeconds: 0.15,
    decodeSeconds: 0.9,
    inferenceSeconds: 1.05,
    finishReason: 'stop',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  },
  {
    model: 'llama-3-8b',
    durationSeconds: 400,
    status: 'timeout',
    errorType: 'timeout',
    traceId: '00f067aa0ba902b7a3ce929d0e0e4736',
  },
  {
    model: 'resnet "50"\\v2\nnew',
    durationSeconds: 0.004,
    status: 'ok',
    batchSize: 32,
  },
];
