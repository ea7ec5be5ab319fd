import type { FastifyInstance } from 'fastify';
import { InferenceError } from '../errors.js';
import type { RequestMonitor } from '../inference/request-monitor.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { ModelRuntime } from '../models/model-runtime.js';

/** Dependencies of the admin routes. */
export interface AdminRouteDeps {
  registry: ModelRegistry<RequestMonitor>;
  /** Whether new requests are accepted (false while shutting down). */
  isAccepting(): boolean;
  /** Returns the status document of `GET /status`. */
  status(): unknown;
  /** Changes the injected faults of a simulated model. */
  setFault(model: string, fault: Record<string, unknown>): unknown;
}

function findModel(
  deps: AdminRouteDeps,
  name: string,
): ModelRuntime<RequestMonitor> {
  const runtime = deps.registry.get(name);
  if (!runtime) {
    throw new InferenceError(
      404,
      'MODEL_NOT_FOUND',
      `model "${name}" not found; available models: ${deps.registry.names().join(', ')}`,
    );
  }
  return runtime;
}

/**
 * Registers the model admin routes (`load`, `unload`, `fault`) and the
 * probes `GET /healthz`, `GET /readyz` and `GET /status`.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: AdminRouteDeps,
): void {
  app.post<{ Params: { name: string } }>(
    '/admin/models/:name/load',
    async (request) => {
      const runtime = findModel(deps, request.params.name);
      try {
        await runtime.load();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InferenceError(
          500,
          'MODEL_LOAD_FAILED',
          `model "${runtime.name}" failed to load: ${reason}`,
        );
      }
      return { model: runtime.name, state: runtime.state };
    },
  );

  app.post<{ Params: { name: string } }>(
    '/admin/models/:name/unload',
    async (request) => {
      const runtime = findModel(deps, request.params.name);
      await runtime.unload();
      return { model: runtime.name, state: runtime.state };
    },
  );

  app.post<{ Params: { name: string } }>(
    '/admin/models/:name/fault',
    async (request) => {
      const runtime = findModel(deps, request.params.name);
      const faults = deps.setFault(
        runtime.name,
        (request.body ?? {}) as Record<string, unknown>,
      );
      return { model: runtime.name, faults };
    },
  );

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const models = Object.fromEntries(
      deps.registry.all().map((runtime) => [runtime.name, runtime.state]),
    );
    const ready =
      deps.isAccepting() &&
      deps.registry.all().some((runtime) => runtime.state === 'ready');
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', models };
  });

  app.get('/status', async () => deps.status());
}
