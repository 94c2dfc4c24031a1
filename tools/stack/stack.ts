import fs from 'node:fs';
import path from 'node:path';
import { kafkaAnswers, kafkaNodes, otherLayoutRunning, runningNodes, startKafka, stopKafka } from './kafka.js';
import { postgresAnswers, postgresRunning, startPostgres, stopPostgres } from './postgres.js';
import type { ConnectionSettings, StackSettings } from './settings.js';
import { connectionSettings, repoRoot, stackSettings } from './settings.js';

/** Where stack:up records how many brokers it started, so status, down and the tests find them. */
function brokerCountFile(stackDir: string): string {
  return path.join(stackDir, 'kafka-brokers');
}

function recordedBrokerCount(stackDir: string): number | undefined {
  const file = brokerCountFile(stackDir);
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
}

export function loadStackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const versions = fs.readFileSync(path.join(repoRoot, 'tools/versions.env'), 'utf8');
  const stackDir = env.STACK_DIR ?? path.join(repoRoot, '.stack');
  return stackSettings(versions, env, recordedBrokerCount(stackDir));
}

export interface ComponentStatus {
  readonly running: boolean;
  readonly answering: boolean;
}

export interface StackStatus {
  readonly kafka: ComponentStatus;
  /** Each broker's id, port and whether its process runs. */
  readonly brokers: readonly { id: number; port: number; running: boolean }[];
  readonly postgres: ComponentStatus;
  readonly connection: ConnectionSettings;
}

/** Starts Kafka and PostgreSQL (each only if not already running) and returns once both answer. */
export async function stackUp(
  s: StackSettings,
): Promise<{ kafka: string; postgres: string; connection: ConnectionSettings }> {
  const other = otherLayoutRunning(s);
  if (other !== undefined) {
    throw new Error(
      `a ${other}-broker Kafka of this stack is running; stop it first (npm run stack:down) to start ${s.kafkaBrokers}`,
    );
  }
  fs.mkdirSync(s.stackDir, { recursive: true });
  fs.writeFileSync(brokerCountFile(s.stackDir), `${s.kafkaBrokers}\n`);
  // Sequential on purpose: on two cores the JVM's start-up and initdb compete, and errors stay readable.
  const postgres = await startPostgres(s);
  const kafka = await startKafka(s);
  const connection = connectionSettings(s);
  fs.writeFileSync(path.join(s.stackDir, 'connection.json'), `${JSON.stringify(connection, null, 2)}\n`);
  return { kafka, postgres, connection };
}

/** Stops only the processes that stackUp started (found by their pid file and data directory), every broker. */
export async function stackDown(s: StackSettings): Promise<{ kafka: string; postgres: string }> {
  const kafka = await stopKafka(s);
  const postgres = stopPostgres(s);
  fs.rmSync(brokerCountFile(s.stackDir), { force: true });
  return { kafka, postgres };
}

export async function stackStatus(s: StackSettings): Promise<StackStatus> {
  const running = runningNodes(s);
  const postgres = postgresRunning(s);
  const kafkaUp = running.length === kafkaNodes(s).length;
  return {
    kafka: { running: running.length > 0, answering: kafkaUp && (await kafkaAnswers(s)) },
    brokers: kafkaNodes(s).map((n) => ({ id: n.id, port: n.port, running: running.includes(n.id) })),
    postgres: { running: postgres, answering: postgres && (await postgresAnswers(s)) },
    connection: connectionSettings(s),
  };
}

export function describeConnection(c: ConnectionSettings): string {
  return [`KAFKA_BROKERS=${c.kafkaBrokers.join(',')}`, `DATABASE_URL=${c.databaseUrl}`].join('\n');
}
