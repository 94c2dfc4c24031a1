import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the local stack keeps its data and which loopback ports it listens on. */
export interface StackSettings {
  readonly repoRoot: string;
  readonly stackDir: string;
  readonly cacheDir: string;
  readonly kafkaVersion: string;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  /** 1 (the default): one combined broker and controller; 3: a cluster of three, as in prod (tools/stack/kafka.ts). */
  readonly kafkaBrokers: number;
  /** The first of the cluster's controller ports (one per node, consecutive); a lone broker uses kafkaControllerPort. */
  readonly kafkaClusterControllerPort: number;
  readonly postgresMajor: string;
  readonly postgresPort: number;
  readonly postgresUser: string;
  readonly postgresPassword: string;
  readonly postgresDatabase: string;
}

/** What a client needs to reach the stack. */
export interface ConnectionSettings {
  readonly kafkaBrokers: string[];
  readonly databaseUrl: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Ports sit away from the defaults (9092, 5432) so the stack never collides with a system Kafka or PostgreSQL.
const DEFAULT_KAFKA_PORT = 19092;
const DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
const DEFAULT_POSTGRES_PORT = 15432;
// A cluster's brokers take kafkaPort, +1, +2, so its controllers move out of their way.
const DEFAULT_KAFKA_CLUSTER_CONTROLLER_PORT = 19192;
export const BROKER_COUNTS = [1, 3] as const;

function brokerCountFrom(env: NodeJS.ProcessEnv, recorded: number | undefined): number {
  const raw = env.STACK_KAFKA_BROKERS;
  if (raw === undefined || raw === '') return recorded ?? 1;
  const count = Number(raw);
  if (!(BROKER_COUNTS as readonly number[]).includes(count)) {
    throw new Error(`STACK_KAFKA_BROKERS must be ${BROKER_COUNTS.join(' or ')}, got '${raw}'`);
  }
  return count;
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`${name} must be an integer port between 1024 and 65535, got '${raw}'`);
  }
  return port;
}

/** Reads one `KEY=value` from tools/versions.env, the single place that pins tool versions. */
export function pinnedVersion(versionsFile: string, key: string): string {
  const line = versionsFile.split('\n').find((l) => l.startsWith(`${key}=`));
  if (!line) throw new Error(`tools/versions.env does not pin ${key}`);
  return line.slice(key.length + 1).trim();
}

/**
 * `recordedBrokers` is the broker count the running stack was started with (stack:up records it), so status, down
 * and the tests find a three-broker stack without being told; STACK_KAFKA_BROKERS overrides it.
 */
export function stackSettings(
  versionsFile: string,
  env: NodeJS.ProcessEnv = process.env,
  recordedBrokers?: number,
): StackSettings {
  return {
    repoRoot,
    stackDir: env.STACK_DIR ?? path.join(repoRoot, '.stack'),
    cacheDir: env.PLATFORM_CACHE_DIR ?? path.join(repoRoot, '.cache'),
    kafkaVersion: pinnedVersion(versionsFile, 'KAFKA_VERSION'),
    kafkaPort: portFrom(env, 'STACK_KAFKA_PORT', DEFAULT_KAFKA_PORT),
    kafkaControllerPort: portFrom(env, 'STACK_KAFKA_CONTROLLER_PORT', DEFAULT_KAFKA_CONTROLLER_PORT),
    kafkaBrokers: brokerCountFrom(env, recordedBrokers),
    kafkaClusterControllerPort: portFrom(
      env,
      'STACK_KAFKA_CLUSTER_CONTROLLER_PORT',
      DEFAULT_KAFKA_CLUSTER_CONTROLLER_PORT,
    ),
    postgresMajor: pinnedVersion(versionsFile, 'POSTGRES_MAJOR'),
    postgresPort: portFrom(env, 'STACK_POSTGRES_PORT', DEFAULT_POSTGRES_PORT),
    // A local, loopback-only development database: the credentials are not secrets.
    postgresUser: 'platform',
    postgresPassword: 'platform-local',
    postgresDatabase: 'platform',
  };
}

export function connectionSettings(s: StackSettings): ConnectionSettings {
  return {
    kafkaBrokers: Array.from({ length: s.kafkaBrokers }, (_, i) => `127.0.0.1:${s.kafkaPort + i}`),
    databaseUrl: `postgres://${s.postgresUser}:${s.postgresPassword}@127.0.0.1:${s.postgresPort}/${s.postgresDatabase}`,
  };
}
