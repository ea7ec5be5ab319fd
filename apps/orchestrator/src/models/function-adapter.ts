import type {
  ChatMessage,
  GenerationRequest,
  GenerationResult,
  ModelAdapter,
} from './types.js';
import { estimateTokens } from './types.js';

/** Input of a function model. */
export interface FunctionModelInput {
  /** Prompt, or the chat messages' text joined by newlines. */
  prompt: string;
  /** Messages of a chat request. */
  messages: ChatMessage[] | undefined;
  /** Output token budget sent by the client. */
  maxTokens: number | undefined;
  /** Request body as the client sent it. */
  body: Record<string, unknown>;
  /** Aborted on deadline, client disconnect or unload. */
  signal: AbortSignal;
}

/** Output of a function model: text, or text with token counts. */
export type FunctionModelOutput =
  | string
  | { text: string; promptTokens?: number; completionTokens?: number };

/** Any async function served as a model, e.g. a classic in-process model. */
export type FunctionModel = (
  input: FunctionModelInput,
) => Promise<FunctionModelOutput> | FunctionModelOutput;

/** Adapter that calls a registered function for each request of a batch. */
export class FunctionAdapter implements ModelAdapter {
  readonly type = 'function';

  constructor(private readonly fn: FunctionModel) {}

  async load(): Promise<void> {}

  async unload(): Promise<void> {}

  generate(
    batch: readonly GenerationRequest[],
  ): Promise<Array<GenerationResult | Error>> {
    return Promise.all(batch.map((request) => this.call(request)));
  }

  private async call(
    request: GenerationRequest,
  ): Promise<GenerationResult | Error> {
    try {
      const output = await this.fn({
        prompt: request.prompt,
        messages: request.messages,
        maxTokens: request.maxTokens,
        body: request.body,
        signal: request.signal,
      });
      const counts = typeof output === 'string' ? { text: output } : output;
      const text = counts.text;
      if (text !== '') {
        request.onToken?.(text);
      }

      return {
        text,
        finishReason: 'stop',
        promptTokens: counts.promptTokens ?? request.inputTokens,
        completionTokens: counts.completionTokens ?? estimateTokens(text),
      };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
