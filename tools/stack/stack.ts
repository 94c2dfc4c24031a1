import fs from 'node:fs';
import path from 'node:path';
import { kafkaAnswers, kafkaRunning, startKafka, stopKafka } from './kafka.js';
import { postgresAnswers, postgresRunning, startPostgres, stopPostgres } from './postgres.js';
import type { ConnectionSettings, StackSettings } from './settings.js';
import { connectionSettings, repoRoot, stackSettings } from './settings.js';

export function loadStackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  return stackSettings(fs.readFileSync(path.join(repoRoot, 'tools/versions.env'), 'utf8'), env);
}

export interface ComponentStatus {
  readonly running: boolean;
  readonly answering: boolean;
}

export interface StackStatus {
  readonly kafka: ComponentStatus;
  readonly postgres: ComponentStatus;
  readonly connection: ConnectionSettings;
}

/** Starts Kafka and PostgreSQL (each only if not already running) and returns once both answer. */
export async function stackUp(
  s: StackSettings,
): Promise<{ kafka: string; postgres: string; connection: ConnectionSettings }> {
  fs.mkdirSync(s.stackDir, { recursive: true });
  // Sequential on purpose: on two cores the JVM's start-up and initdb compete, and errors stay readable.
  const postgres = await startPostgres(s);
  const kafka = await startKafka(s);
  const connection = connectionSettings(s);
  fs.writeFileSync(path.join(s.stackDir, 'connection.json'), `${JSON.stringify(connection, null, 2)}\n`);
  return { kafka, postgres, connection };
}

/** Stops only the processes that stackUp started (found by their pid file and data directory). */
export async function stackDown(s: StackSettings): Promise<{ kafka: string; postgres: string }> {
  const kafka = await stopKafka(s);
  const postgres = stopPostgres(s);
  return { kafka, postgres };
}

export async function stackStatus(s: StackSettings): Promise<StackStatus> {
  const kafka = kafkaRunning(s);
  const postgres = postgresRunning(s);
  return {
    kafka: { running: kafka, answering: kafka && (await kafkaAnswers(s)) },
    postgres: { running: postgres, answering: postgres && (await postgresAnswers(s)) },
    connection: connectionSettings(s),
  };
}

export function describeConnection(c: ConnectionSettings): string {
  return [`KAFKA_BROKERS=${c.kafkaBrokers.join(',')}`, `DATABASE_URL=${c.databaseUrl}`].join('\n');
}
