import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Readiness } from '../readiness.js';

export interface HealthRoutesOptions {
  readonly readiness: Readiness;
  readonly registry: Registry;
  readonly shuttingDown: () => boolean;
}

/** Liveness (the process serves HTTP), readiness (it can produce to Kafka) and Prometheus metrics. */
export function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  app.get('/livez', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const reason = options.shuttingDown() ? 'shutting down' : options.readiness.notReadyReason();
    if (reason === undefined) return { status: 'ready' };
    return reply.code(503).send({ status: 'not ready', reason });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.header('content-type', options.registry.contentType).send(await options.registry.metrics());
  });
}
