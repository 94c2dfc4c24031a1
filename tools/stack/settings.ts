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

export function stackSettings(versionsFile: string, env: NodeJS.ProcessEnv = process.env): StackSettings {
  return {
    repoRoot,
    stackDir: env.STACK_DIR ?? path.join(repoRoot, '.stack'),
    cacheDir: env.PLATFORM_CACHE_DIR ?? path.join(repoRoot, '.cache'),
    kafkaVersion: pinnedVersion(versionsFile, 'KAFKA_VERSION'),
    kafkaPort: portFrom(env, 'STACK_KAFKA_PORT', DEFAULT_KAFKA_PORT),
    kafkaControllerPort: portFrom(env, 'STACK_KAFKA_CONTROLLER_PORT', DEFAULT_KAFKA_CONTROLLER_PORT),
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
    kafkaBrokers: [`127.0.0.1:${s.kafkaPort}`],
    databaseUrl: `postgres://${s.postgresUser}:${s.postgresPassword}@127.0.0.1:${s.postgresPort}/${s.postgresDatabase}`,
  };
}
