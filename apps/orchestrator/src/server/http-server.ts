import type { Logger } from '@mm-orch/config';
import Fastify, { type FastifyInstance } from 'fastify';
import { InferenceError } from '../errors.js';
import { errorBody } from './openai-response.js';
import { describeFailure } from './openai-routes.js';

/** Options of the HTTP server. */
export interface HttpServerOptions {
  bodyLimit: number;
  logger: Logger;
}

/**
 * Creates the fastify instance with the error handler shared by all
 * routes: an `InferenceError` becomes its status with an OpenAI-style body
 * (and `Retry-After` when set); anything unexpected is logged and sent as a
 * 500 without details.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimit,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  app.setErrorHandler((error, request, reply) => {
    const failure = describeFailure(error);
    if (failure.status >= 500 && !(error instanceof InferenceError)) {
      options.logger.error(
        { err: error, method: request.method, url: request.url },
        'request failed with an unexpected error',
      );
    }
    if (error instanceof InferenceError && error.retryAfterSeconds) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    reply
      .code(failure.status)
      .send(errorBody(failure.message, failure.code, failure.status));
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(
        errorBody(
          `route ${request.method} ${request.url} not found`,
          'NOT_FOUND',
          404,
        ),
      );
  });
  return app;
}
