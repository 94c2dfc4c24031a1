import * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../../config/schema.js';
import type { RecordedResource } from './mocks.js';
import { recordingMocks } from './mocks.js';

export const PROJECT = 'event-platform';

/**
 * Runs the program for one environment under Pulumi's mocks (no CLI, no AWS account) and returns every resource it
 * registered with the inputs it gave them, once all registrations have settled.
 */
export async function runProgram(config: EnvConfig): Promise<RecordedResource[]> {
  const { mocks, recorded } = recordingMocks(config.aws.accountId, config.aws.region);
  await pulumi.runtime.setMocks(mocks, PROJECT, config.name, false);
  const { createEnvironment } = await import('../program.js');
  const outputs = createEnvironment(config);
  // Resolving every output waits for the resources they come from; the RPC queue then holds the rest.
  await new Promise<void>((resolve) => pulumi.output(outputs).apply(() => resolve()));
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return recorded;
}
