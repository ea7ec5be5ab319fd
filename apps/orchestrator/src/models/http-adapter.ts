import type { Logger, ModelAdapterConfigOutput } from '@mm-orch/config';
import { sleep } from './sleep.js';
import type {
  GenerationRequest,
  GenerationResult,
  ModelAdapter,
} from './types.js';

/** Options of the http adapter after defaults are applied. */
export type HttpAdapterOptions = Extract<
  ModelAdapterConfigOutput,
  { type: 'http' }
>;

const LOAD_ATTEMPTS = 3;
const LOAD_BACKOFF_MS = 200;

interface UpstreamChoice {
  text?: string;
  message?: { content?: string };
  delta?: { content?: string };
  finish_reason?: string | null;
}

interface UpstreamBody {
  choices?: UpstreamChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/**
 * Adapter that forwards each request to an OpenAI-compatible server (vLLM,
 * TGI, Ollama, llama.cpp). The upstream batches on its own, so a batch here
 * is sent as parallel requests.
 */
export class HttpAdapter implements ModelAdapter {
  readonly type = 'http';
  private readonly baseUrl: string;

  constructor(
    private readonly modelName: string,
    private readonly options: HttpAdapterOptions,
    private readonly logger: Logger,
  ) {
    this.baseUrl = options.url.replace(/\/+$/, '');
  }

  /** Checks that `GET /models` on the upstream succeeds, with retries. */
  async load(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.baseUrl}/models`, {
          headers: this.headers(),
          signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
        });
        await response.body?.cancel();
        if (!response.ok) {
          throw new Error(`GET /models returned HTTP ${response.status}`);
        }
        return;
      } catch (error) {
        if (attempt >= LOAD_ATTEMPTS || signal.aborted) {
          throw new Error(
            `upstream ${this.baseUrl} of model "${this.modelName}" is unreachable: ${describe(error)}`,
          );
        }
        this.logger.warn(
          { model: this.modelName, attempt, err: describe(error) },
          'upstream check failed, retrying',
        );
        await sleep(LOAD_BACKOFF_MS * attempt);
      }
    }
  }

  async unload(): Promise<void> {}

  generate(
    batch: readonly GenerationRequest[],
  ): Promise<Array<GenerationResult | Error>> {
    return Promise.all(
      batch.map((request) =>
        this.forward(request).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      ),
    );
  }

  private async forward(request: GenerationRequest): Promise<GenerationResult> {
    const path = request.kind === 'chat' ? 'chat/completions' : 'completions';
    const stream = request.onToken !== undefined;
    const response = await fetch(`${this.baseUrl}/${path}`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        ...request.body,
        model: this.options.upstreamModel ?? this.modelName,
        stream,
      }),
      signal: AbortSignal.any([
        request.signal,
        AbortSignal.timeout(this.options.timeout),
      ]),
    });
    if (!response.ok) {
      const detail = (await response.text()).slice(0, 200);
      throw new Error(`upstream returned HTTP ${response.status}: ${detail}`);
    }

    return stream
      ? this.readStream(request, response)
      : this.readJson(request, (await response.json()) as UpstreamBody);
  }

  private readJson(
    request: GenerationRequest,
    body: UpstreamBody,
  ): GenerationResult {
    const choice = body.choices?.[0];
    const text = choice?.message?.content ?? choice?.text ?? '';
    return {
      text,
      finishReason: choice?.finish_reason === 'length' ? 'length' : 'stop',
      promptTokens: body.usage?.prompt_tokens ?? request.inputTokens,
      completionTokens:
        body.usage?.completion_tokens ?? Math.ceil(text.length / 4),
    };
  }

  /** Reads an SSE stream of `data: {...}` lines until `data: [DONE]`. */
  private async readStream(
    request: GenerationRequest,
    response: Response,
  ): Promise<GenerationResult> {
    let text = '';
    let pieces = 0;
    let finishReason: GenerationResult['finishReason'] = 'stop';
    let usage: UpstreamBody['usage'];
    let pending = '';
    const decoder = new TextDecoder();

    for await (const chunk of response.body ?? []) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const data = line.startsWith('data:') ? line.slice(5).trim() : '';
        if (data === '' || data === '[DONE]') {
          continue;
        }
        const event = JSON.parse(data) as UpstreamBody;
        const choice = event.choices?.[0];
        const piece = choice?.delta?.content ?? choice?.text ?? '';
        if (piece !== '') {
          text += piece;
          pieces += 1;
          request.onToken?.(piece);
        }
        if (choice?.finish_reason === 'length') {
          finishReason = 'length';
        }
        usage = event.usage ?? usage;
      }
    }

    return {
      text,
      finishReason,
      promptTokens: usage?.prompt_tokens ?? request.inputTokens,
      completionTokens: usage?.completion_tokens ?? pieces,
    };
  }

  private headers(): Record<string, string> {
    return this.options.apiKey
      ? { authorization: `Bearer ${this.options.apiKey}` }
      : {};
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
