import type { EnvConfig } from '../config/schema.js';
import { ecrRegistry } from './aws.js';

/** The full image reference of a component, from the environment's registry and the pinned repository and tag. */
export function imageRef(config: EnvConfig, component: 'api' | 'worker' | 'drills' | 'loadgen'): string {
  const image = config.images[component];
  return `${ecrRegistry(config)}/${image.repository}:${image.tag}`;
}
