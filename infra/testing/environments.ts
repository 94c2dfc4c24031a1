import { loadEnvironment } from '../../config/load.js';
import type { EnvConfig } from '../../config/schema.js';
import { repoRoot } from '../../config/paths.js';
import type { RecordedResource } from './mocks.js';
import { runProgram } from './run-program.js';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

export function committedConfig(environment: string): EnvConfig {
  return loadEnvironment(repoRoot, environment).config;
}

const runs = new Map<string, Promise<RecordedResource[]>>();

/** The resources the program registers for a committed environment; run once per test file and shared. */
export function recordedEnvironment(environment: string): Promise<RecordedResource[]> {
  let run = runs.get(environment);
  if (!run) {
    run = runProgram(committedConfig(environment));
    runs.set(environment, run);
  }
  return run;
}

/** A copy of recorded resources with the inputs of the first resource of `type` changed: a bad resource to feed in. */
export function withChangedInputs(
  resources: readonly RecordedResource[],
  type: string,
  change: (inputs: Record<string, any>) => void,
): RecordedResource[] {
  let changed = false;
  return resources.map((resource) => {
    if (changed || resource.type !== type) return resource;
    changed = true;
    const inputs = structuredClone(resource.inputs);
    change(inputs);
    return { ...resource, inputs };
  });
}
