import { InferenceError } from '../errors.js';
import { type ChatMessage, estimateTokens } from '../models/types.js';

/** Fields of an OpenAI-compatible request that the service uses. */
export interface ParsedRequest {
  model: string;
  prompt: string;
  messages: ChatMessage[] | undefined;
  maxTokens: number | undefined;
  temperature: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  inputTokens: number;
}

function invalid(message: string): InferenceError {
  return new InferenceError(400, 'INVALID_REQUEST', message);
}

function readCommon(body: Record<string, unknown>) {
  if (body.model === undefined || body.model === null || body.model === '') {
    throw invalid(
      '"model" is missing; send the name of a model from GET /v1/models',
    );
  }
  if (typeof body.model !== 'string') {
    throw invalid(
      `"model" must be a string, received ${JSON.stringify(body.model)}`,
    );
  }
  if (
    body.stream !== undefined &&
    body.stream !== null &&
    typeof body.stream !== 'boolean'
  ) {
    throw invalid(
      `"stream" must be true or false, received ${JSON.stringify(body.stream)}`,
    );
  }
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (
    maxTokens !== undefined &&
    maxTokens !== null &&
    (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)
  ) {
    throw invalid(
      `"max_tokens" must be a positive integer, received ${JSON.stringify(maxTokens)}`,
    );
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw invalid(
      `"n" must be 1, received ${JSON.stringify(body.n)}; send one request per choice`,
    );
  }
  const temperature = body.temperature;
  if (
    temperature !== undefined &&
    temperature !== null &&
    typeof temperature !== 'number'
  ) {
    throw invalid(
      `"temperature" must be a number, received ${JSON.stringify(temperature)}`,
    );
  }
  const options = body.stream_options as
    | { include_usage?: unknown }
    | undefined;

  return {
    model: body.model,
    maxTokens: (maxTokens ?? undefined) as number | undefined,
    temperature: (temperature ?? undefined) as number | undefined,
    stream: body.stream === true,
    includeUsage: options?.include_usage === true,
  };
}

/** Parses the body of `POST /v1/completions`; throws a 400 error. */
export function parseCompletionRequest(body: unknown): ParsedRequest {
  const record = asRecord(body);
  const common = readCommon(record);
  let prompt = record.prompt;
  if (Array.isArray(prompt) && prompt.length === 1) {
    prompt = prompt[0];
  }
  if (typeof prompt !== 'string') {
    throw invalid('"prompt" must be a string (or an array of one string)');
  }

  return {
    ...common,
    prompt,
    messages: undefined,
    inputTokens: estimateTokens(prompt),
  };
}

/** Parses the body of `POST /v1/chat/completions`; throws a 400 error. */
export function parseChatRequest(body: unknown): ParsedRequest {
  const record = asRecord(body);
  const common = readCommon(record);
  const messages = record.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('"messages" must be a non-empty array of { role, content }');
  }

  const parsed = messages.map((message, index) => toMessage(message, index));
  const prompt = parsed.map((m) => `${m.role}: ${m.content}`).join('\n');
  return {
    ...common,
    prompt,
    messages: parsed,
    inputTokens: estimateTokens(prompt),
  };
}

function toMessage(message: unknown, index: number): ChatMessage {
  const record = message as { role?: unknown; content?: unknown } | null;
  if (typeof record?.role !== 'string') {
    throw invalid(`"messages[${index}].role" must be a string`);
  }
  const content = record.content;
  if (typeof content === 'string') {
    return { role: record.role, content };
  }
  if (Array.isArray(content)) {
    const text = content
      .map((part: { type?: unknown; text?: unknown }) =>
        part?.type === 'text' && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
    return { role: record.role, content: text };
  }
  throw invalid(
    `"messages[${index}].content" must be a string or an array of text parts`,
  );
}

function asRecord(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
