import fs from 'node:fs';
import path from 'node:path';
import { LocalPlatform } from '../local/platform.js';
import { repoRoot } from '../stack/settings.js';
import { loadStackSettings, stackDown, stackStatus, stackUp } from '../stack/stack.js';
import type { ConnectionSettings } from '../stack/settings.js';

export interface LocalRun {
  readonly platform: LocalPlatform;
  readonly connection: ConnectionSettings;
  stop(): Promise<void>;
}

/**
 * The data path on this machine for a load or benchmark run: the stack (started if it is down, and stopped again at
 * the end), a fresh scenario (topics, database), the API and `workers` worker replicas, all ready.
 */
export async function startLocalRun(options: {
  label: string;
  partitions: number;
  workers: number;
  logName: string;
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  memoryLimitsMiB?: { api: number; worker: number };
}): Promise<LocalRun> {
  const settings = loadStackSettings();
  const status = await stackStatus(settings);
  const wasUp = status.kafka.answering && status.postgres.answering;
  const connection = wasUp ? status.connection : (await stackUp(settings)).connection;
  const logDir = path.join(repoRoot, 'reports', `${options.logName}-logs`);
  fs.rmSync(logDir, { recursive: true, force: true });
  let platform: LocalPlatform | undefined;
  try {
    platform = await LocalPlatform.start({
      connection,
      label: options.label,
      partitions: options.partitions,
      mode: 'after',
      logDir,
      ...(options.apiEnv ? { apiEnv: options.apiEnv } : {}),
      ...(options.workerEnv ? { workerEnv: options.workerEnv } : {}),
      ...(options.memoryLimitsMiB ? { memoryLimitsMiB: options.memoryLimitsMiB } : {}),
    });
    for (let i = 0; i < options.workers; i += 1) await platform.fleet.startReady();
  } catch (error) {
    await platform?.stop().catch(() => undefined);
    if (!wasUp) await stackDown(settings);
    throw error;
  }
  const started = platform;
  return {
    platform: started,
    connection,
    async stop() {
      try {
        await started.stop();
      } finally {
        if (!wasUp) await stackDown(settings);
      }
    },
  };
}
