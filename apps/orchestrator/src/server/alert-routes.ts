import type { AlertRouter } from '@mm-orch/alerts';
import type { FastifyInstance } from 'fastify';
import { InferenceError } from '../errors.js';
import { parseSilenceRequest } from './silence-request.js';

function requireRouter(router: AlertRouter | undefined): AlertRouter {
  if (!router) {
    throw new InferenceError(
      404,
      'ALERTING_DISABLED',
      'alerting is disabled; set alerting.enabled to true in the config',
    );
  }
  return router;
}

/**
 * Registers `GET /alerts` (recent alerts, silences, dead letters),
 * `POST /alerts/silences` (create) and `DELETE /alerts/silences/:id`
 * (expire).
 */
export function registerAlertRoutes(
  app: FastifyInstance,
  router: AlertRouter | undefined,
): void {
  app.get('/alerts', async () => {
    const active = requireRouter(router);
    return {
      alerts: active.listAlerts(),
      silences: active.listSilences(),
      deadLetters: active.listDeadLetters(),
    };
  });

  app.post('/alerts/silences', async (request, reply) => {
    const active = requireRouter(router);
    const input = parseSilenceRequest(request.body);
    try {
      const silence = active.addSilence(input);
      reply.code(201);
      return silence;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new InferenceError(400, 'INVALID_SILENCE', message);
    }
  });

  app.delete<{ Params: { id: string } }>(
    '/alerts/silences/:id',
    async (request) => {
      const active = requireRouter(router);
      if (!active.expireSilence(request.params.id)) {
        throw new InferenceError(
          404,
          'SILENCE_NOT_FOUND',
          `silence "${request.params.id}" not found; list silences with GET /alerts`,
        );
      }
      return { id: request.params.id, expired: true };
    },
  );
}
