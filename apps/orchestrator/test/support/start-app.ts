import {
  type Logger,
  type OrchestratorConfigInput,
  silentLogger,
} from '@mm-orch/config';
import type { FunctionModel } from '../../src/models/function-adapter.js';
import {
  createOrchestrator,
  type Orchestrator,
  type OrchestratorAddresses,
} from '../../src/orchestrator.js';

/** A started orchestrator with its addresses. */
export interface StartedApp extends OrchestratorAddresses {
  app: Orchestrator;
}

/** Config of a fast simulated model for tests. */
export function fastSimulatedModel(name: string, overrides: object = {}) {
  return {
    name,
    adapter: {
      type: 'simulated' as const,
      baseLatency: 1,
      prefillPerToken: 0.01,
      decodePerToken: 0.2,
      jitter: 0,
      defaultMaxTokens: 4,
    },
    maxBatchDelay: 2,
    ...overrides,
  };
}

/**
 * Starts an orchestrator on a free port with monitoring servers on free
 * ports and no resource sampling unless the config sets them.
 */
export async function startApp(
  config: OrchestratorConfigInput = {},
  options: {
    functions?: Record<string, FunctionModel>;
    logger?: Logger;
    clock?: () => number;
  } = {},
): Promise<StartedApp> {
  const app = createOrchestrator({
    config: {
      ...config,
      server: { port: 0, ...config.server },
      resources: { enabled: false, ...config.resources },
      metrics: { port: 0, ...config.metrics } as never,
    },
    logger: options.logger ?? silentLogger,
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const addresses = await app.start();
  return { app, ...addresses };
}

/** Response of `postJson`: status, headers, parsed JSON and raw text. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields
  json: any;
  text: string;
}

/** Sends a JSON POST and returns status, headers and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
