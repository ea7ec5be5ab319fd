import type { GenerationResult } from '../models/types.js';

/** Identity of one response, shared by its chunks. */
export interface ResponseIdentity {
  id: string;
  model: string;
  kind: 'completion' | 'chat';
  /** Creation time, in seconds since the epoch. */
  created: number;
}

function usage(result: GenerationResult) {
  return {
    prompt_tokens: result.promptTokens,
    completion_tokens: result.completionTokens,
    total_tokens: result.promptTokens + result.completionTokens,
  };
}

/** Builds the JSON body of a finished, non-streaming response. */
export function responseBody(
  identity: ResponseIdentity,
  result: GenerationResult,
) {
  const { id, model, created } = identity;
  if (identity.kind === 'chat') {
    return {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: result.text },
          finish_reason: result.finishReason,
        },
      ],
      usage: usage(result),
    };
  }
  return {
    id,
    object: 'text_completion',
    created,
    model,
    choices: [
      {
        index: 0,
        text: result.text,
        finish_reason: result.finishReason,
        logprobs: null,
      },
    ],
    usage: usage(result),
  };
}

/** Builds one streamed chunk with a text piece, or the final chunk. */
export function chunkBody(
  identity: ResponseIdentity,
  text: string,
  finishReason: string | null,
  first: boolean,
) {
  const { id, model, created } = identity;
  if (identity.kind === 'chat') {
    const delta: Record<string, string> = first ? { role: 'assistant' } : {};
    if (text !== '') {
      delta.content = text;
    }
    return {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }
  return {
    id,
    object: 'text_completion',
    created,
    model,
    choices: [{ index: 0, text, finish_reason: finishReason, logprobs: null }],
  };
}

/** Builds the usage chunk sent when `stream_options.include_usage` is set. */
export function usageChunkBody(
  identity: ResponseIdentity,
  result: GenerationResult,
) {
  const { id, model, created } = identity;
  const object =
    identity.kind === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  return { id, object, created, model, choices: [], usage: usage(result) };
}

/** Builds the OpenAI-style error body. */
export function errorBody(message: string, code: string, status: number) {
  const type =
    status === 429
      ? 'rate_limit_exceeded'
      : status >= 500
        ? 'server_error'
        : 'invalid_request_error';
  return { error: { message, type, code, param: null } };
}
