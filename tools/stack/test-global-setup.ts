import type { TestProject } from 'vitest/node';
import type { ConnectionSettings } from './settings.js';
import { loadStackSettings, stackDown, stackStatus, stackUp } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: ConnectionSettings;
  }
}

/** Starts the local stack for the integration tests unless it is already up; stops it only if it started it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const settings = loadStackSettings();
  const status = await stackStatus(settings);
  const alreadyUp = status.kafka.answering && status.postgres.answering;
  const connection = alreadyUp ? status.connection : (await stackUp(settings)).connection;
  project.provide('stack', connection);
  return async () => {
    if (!alreadyUp) await stackDown(settings);
  };
}
