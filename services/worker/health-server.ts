import http from 'node:http';
import type { Registry } from 'prom-client';

export interface WorkerHealth {
  /** Undefined when ready (joined the consumer group); otherwise why not. */
  notReadyReason(): string | undefined;
}

/** /metrics, /livez and /readyz on the worker's metrics port: the worker has no other HTTP surface. */
export function startHealthServer(port: number, registry: Registry, health: WorkerHealth): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: string, type = 'application/json'): void => {
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    if (request.method !== 'GET') return reply(405, JSON.stringify({ error: 'only GET is served' }));
    switch (request.url) {
      case '/livez':
        return reply(200, JSON.stringify({ status: 'ok' }));
      case '/readyz': {
        const reason = health.notReadyReason();
        return reason === undefined
          ? reply(200, JSON.stringify({ status: 'ready' }))
          : reply(503, JSON.stringify({ status: 'not ready', reason }));
      }
      case '/metrics':
        registry.metrics().then(
          (text) => reply(200, text, registry.contentType),
          (error: unknown) => reply(500, JSON.stringify({ error: String(error) })),
        );
        return;
      default:
        return reply(404, JSON.stringify({ error: 'not found' }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
