import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { Admission, declaredBodyBytes } from './admission.js';
import { classifyError } from './error-handler.js';
import { ApiError } from './errors.js';
import type { ApiMetrics } from './metrics.js';
import { parseJsonBody } from './json-body.js';
import type { KeyRegistry } from './key-registry.js';
import type { EventPublisher } from './publisher.js';
import type { Readiness } from './readiness.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import type { ApiSettings } from './settings.js';

export interface ApiDependencies {
  readonly settings: ApiSettings;
  readonly publisher: EventPublisher;
  readonly keys: KeyRegistry;
  readonly readiness: Readiness;
  readonly metrics: ApiMetrics;
  readonly logger: FastifyBaseLogger;
  readonly shuttingDown: () => boolean;
  readonly now?: () => Date;
}

/** Builds the HTTP API around its dependencies; transport only, the decisions live in the modules it wires. */
export function buildApi(deps: ApiDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.settings.bodyLimitBytes,
    requestTimeout: deps.settings.requestTimeoutMs,
    disableRequestLogging: true,
    // Unknown fields are errors, types are never coerced: what is accepted is exactly what the contract says.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  });

  // fastify also parses text/plain by default; the API speaks JSON only, anything else is a 415.
  app.removeContentTypeParser('text/plain');
  // Its own JSON parser: a nesting limit before anything recursive sees the body (10,000 levels would be a 500).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, deps.settings.maxJsonDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // Event requests beyond the in-flight bounds are refused before their body is read (health and metrics never are).
  const admission = new Admission(deps.settings.maxInFlightRequests, deps.settings.maxInFlightBytes);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url?.startsWith('/events')) return;
    const bytes = declaredBodyBytes(request.headers['content-length'], deps.settings.bodyLimitBytes);
    if (!admission.tryAdmit(bytes)) throw new ApiError('OVERLOADED');
    // 'close' comes once per response, answered or abandoned by the client: the admission is always given back.
    reply.raw.once('close', () => admission.release(bytes));
  });

  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler(async (error, request, reply) => {
    const classified = classifyError(error);
    if (classified.internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: classified.code, status: classified.status }, classified.message);
    if (request.routeOptions.url?.startsWith('/events')) deps.metrics.eventsRejected.inc({ reason: classified.code });
    if (classified.status === 503) void reply.header('retry-after', String(deps.settings.retryAfterSeconds));
    return reply.code(classified.status).send({ error: classified.code, message: classified.message });
  });

  app.setNotFoundHandler((request) =>
    Promise.reject(new ApiError('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );

  healthRoutes(app, { readiness: deps.readiness, registry: deps.metrics.registry, shuttingDown: deps.shuttingDown });
  eventRoutes(app, {
    publisher: deps.publisher,
    keys: deps.keys,
    metrics: deps.metrics,
    maxBatchEvents: deps.settings.maxBatchEvents,
    now: deps.now ?? (() => new Date()),
  });
  return app;
}
