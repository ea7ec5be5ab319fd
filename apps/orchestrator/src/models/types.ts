/** One chat message of the OpenAI chat completions API. */
export interface ChatMessage {
  role: string;
  content: string;
}

/** One request as the model adapters receive it. */
export interface GenerationRequest {
  /** Request id, also the response's `id`. */
  id: string;
  /** OpenAI endpoint of the request. */
  kind: 'completion' | 'chat';
  /** Prompt of a completion; for chat, the messages' text joined. */
  prompt: string;
  /** Messages of a chat request. */
  messages: ChatMessage[] | undefined;
  /** Output token budget. */
  maxTokens: number | undefined;
  /** Sampling temperature, as sent by the client. */
  temperature: number | undefined;
  /** Request body as the client sent it, for adapters that forward it. */
  body: Record<string, unknown>;
  /** Input size in tokens, estimated when the adapter cannot count. */
  inputTokens: number;
  /** Called with each output text piece, for streaming responses. */
  onToken: ((text: string) => void) | undefined;
  /** Aborted on deadline, client disconnect or unload. */
  signal: AbortSignal;
}

/** Result of one request, as an adapter returns it. */
export interface GenerationResult {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

/** Backend of one model: a simulator, an upstream server or a function. */
export interface ModelAdapter {
  /** Adapter type, as in the config. */
  readonly type: string;
  /** Prepares the backend (loads weights, checks the upstream). */
  load(signal: AbortSignal): Promise<void>;
  /** Releases what `load` acquired. */
  unload(): Promise<void>;
  /**
   * Runs one batch. The result array matches `batch` by index and contains
   * an `Error` for each request that failed alone. A rejection fails the
   * whole batch.
   */
  generate(
    batch: readonly GenerationRequest[],
  ): Promise<Array<GenerationResult | Error>>;
}

/** Estimates a text's token count at about four characters a token. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
