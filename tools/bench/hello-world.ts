// The ceiling for the API's HTTP layer: fastify answering the very same requests (JSON parsed, 202), and nothing else.
// Run as its own process: PORT=<port> node --import tsx loadtests/bench/hello-world.ts
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/events', async (_request, reply) => reply.code(202).send({ hello: 'world' }));
app.post('/events/batch', async (_request, reply) => reply.code(202).send({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
