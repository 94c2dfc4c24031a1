import type { EnvReaderOptions } from '../shared/runtime/env-reader.js';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { BOOTSTRAP_SETTINGS, SCHEMA_READY_SETTINGS } from './settings-contract.js';
import type { DesiredTopic } from './topic-plan.js';

/** What the PreSync hook needs besides the database connection (pg reads the PG* variables itself). */
export interface BootstrapSettings {
  readonly kafkaBrokers: string[];
  readonly topics: DesiredTopic[];
}

/** `strict`: read a rendered environment (EnvReaderOptions), as the render's contract test does. */
export function readBootstrapSettings(
  env: NodeJS.ProcessEnv = process.env,
  options: EnvReaderOptions = {},
): BootstrapSettings {
  const read = new EnvReader(env, BOOTSTRAP_SETTINGS, options);
  const topics = read.string('TOPICS');
  return read.done({ kafkaBrokers: read.list('KAFKA_BROKERS'), topics: topics === '' ? [] : parseTopics(topics) });
}

function parseTopics(json: string): DesiredTopic[] {
  try {
    return JSON.parse(json) as DesiredTopic[];
  } catch (error) {
    throw new Error(`TOPICS must be the JSON list of topics to create or verify: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The worker's init container: how long it waits for the migrations before it fails the pod. */
export function readSchemaReadySettings(
  env: NodeJS.ProcessEnv = process.env,
  options: EnvReaderOptions = {},
): { waitSeconds: number } {
  const read = new EnvReader(env, SCHEMA_READY_SETTINGS, options);
  return read.done({ waitSeconds: read.integer('SCHEMA_WAIT_SECONDS') });
}
