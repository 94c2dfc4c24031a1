import path from 'node:path';
import type { ServiceProcess } from './processes.js';
import { startService, waitForHttpOk } from './processes.js';
import { freePort } from './ports.js';

export interface RunningApi {
  readonly process: ServiceProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the API as a real process on a free loopback port; waits for /readyz unless `waitReady` is false. */
export async function startApiProcess(
  env: { kafkaBrokers: string[]; topic: string } & Record<string, unknown>,
  logDir: string,
  options: { waitReady?: boolean; extraEnv?: Record<string, string>; memoryLimitMiB?: number } = {},
): Promise<RunningApi> {
  const port = await freePort();
  const process = startService(
    'api',
    `api-${port}`,
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC: env.topic,
      // No load balancer drains a local process: stop at once (the drain itself has a test of its own).
      API_SHUTDOWN_DRAIN_MS: '0',
      ...options.extraEnv,
    },
    path.join(logDir, `api-${port}.log`),
    options.memoryLimitMiB,
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttpOk(`${url}${options.waitReady === false ? '/livez' : '/readyz'}`, 60_000, process);
  } catch (error) {
    // Nobody else holds the process yet: a test that fails here would otherwise leave it running.
    process.kill('SIGKILL');
    await process.exited;
    throw error;
  }
  return {
    process,
    url,
    async stop() {
      process.kill('SIGTERM');
      await process.exited;
    },
  };
}
