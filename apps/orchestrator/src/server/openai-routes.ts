import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CancelledError, InferenceError } from '../errors.js';
import type { InferenceService } from '../inference/inference-service.js';
import type { RequestMonitor } from '../inference/request-monitor.js';
import type { ModelRegistry } from '../models/model-registry.js';
import {
  type ParsedRequest,
  parseChatRequest,
  parseCompletionRequest,
} from './openai-request.js';
import {
  chunkBody,
  errorBody,
  type ResponseIdentity,
  responseBody,
  usageChunkBody,
} from './openai-response.js';
import { SseStream } from './sse-stream.js';

/** Dependencies of the OpenAI-compatible routes. */
export interface OpenAiRouteDeps {
  service: InferenceService;
  registry: ModelRegistry<RequestMonitor>;
}

/**
 * Registers `POST /v1/completions`, `POST /v1/chat/completions` and
 * `GET /v1/models`.
 */
export function registerOpenAiRoutes(
  app: FastifyInstance,
  deps: OpenAiRouteDeps,
): void {
  app.post('/v1/completions', (request, reply) =>
    handleInference(deps, request, reply, 'completion'),
  );
  app.post('/v1/chat/completions', (request, reply) =>
    handleInference(deps, request, reply, 'chat'),
  );
  app.get('/v1/models', async () => ({
    object: 'list',
    data: deps.registry.all().map((runtime) => ({
      id: runtime.name,
      object: 'model',
      created: 0,
      owned_by: 'mm-orch',
      state: runtime.state,
    })),
  }));
}

async function handleInference(
  deps: OpenAiRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: 'completion' | 'chat',
): Promise<unknown> {
  const parsed =
    kind === 'chat'
      ? parseChatRequest(request.body)
      : parseCompletionRequest(request.body);
  const identity: ResponseIdentity = {
    id: `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${randomUUID()}`,
    model: parsed.model,
    kind,
    created: Math.floor(Date.now() / 1000),
  };
  const client = watchClient(reply);
  reply.header('x-request-id', identity.id);

  if (!parsed.stream) {
    const served = await deps.service.infer(
      inferenceInput(request, parsed, identity, client, undefined),
    );
    reply.header('x-cache', served.cached ? 'hit' : 'miss');
    return responseBody(identity, served.result);
  }
  return streamInference(deps, request, reply, parsed, identity, client);
}

async function streamInference(
  deps: OpenAiRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  parsed: ParsedRequest,
  identity: ResponseIdentity,
  client: AbortSignal,
): Promise<unknown> {
  const sse = new SseStream(reply, { 'x-request-id': identity.id });
  let first = true;
  const onToken = (text: string) => {
    sse.send(chunkBody(identity, text, null, first));
    first = false;
  };

  try {
    const served = await deps.service.infer(
      inferenceInput(request, parsed, identity, client, onToken),
    );
    sse.send(chunkBody(identity, '', served.result.finishReason, first));
    if (parsed.includeUsage) {
      sse.send(usageChunkBody(identity, served.result));
    }
    sse.done();
  } catch (error) {
    if (!sse.started) {
      throw error;
    }
    const failure = describeFailure(error);
    sse.fail(errorBody(failure.message, failure.code, failure.status));
  }
  return reply;
}

function inferenceInput(
  request: FastifyRequest,
  parsed: ParsedRequest,
  identity: ResponseIdentity,
  clientSignal: AbortSignal,
  onToken: ((text: string) => void) | undefined,
) {
  const cacheControl = request.headers['cache-control'] ?? '';
  return {
    id: identity.id,
    model: parsed.model,
    kind: identity.kind,
    prompt: parsed.prompt,
    messages: parsed.messages,
    maxTokens: parsed.maxTokens,
    temperature: parsed.temperature,
    body: request.body as Record<string, unknown>,
    inputTokens: parsed.inputTokens,
    useCache: !/no-cache|no-store/.test(cacheControl),
    headers: request.headers,
    onToken,
    clientSignal,
  };
}

/** Returns a signal that aborts when the client closes the connection. */
function watchClient(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) {
      controller.abort(new CancelledError('client disconnected'));
    }
  });
  return controller.signal;
}

/** Returns the status, code and message sent for an error. */
export function describeFailure(error: unknown): {
  status: number;
  code: string;
  message: string;
} {
  if (error instanceof InferenceError) {
    return { status: error.status, code: error.code, message: error.message };
  }
  if (error instanceof CancelledError) {
    return { status: 499, code: error.code, message: error.message };
  }
  const fastifyError = error as {
    statusCode?: number;
    code?: string;
    message?: string;
  };
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode < 500
  ) {
    return {
      status: fastifyError.statusCode,
      code: fastifyError.code ?? 'INVALID_REQUEST',
      message: fastifyError.message ?? 'invalid request',
    };
  }
  return {
    status: 500,
    code: 'INTERNAL',
    message: 'internal server error; see the server log',
  };
}
