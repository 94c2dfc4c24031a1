import type { EnvConfig } from '../../config/schema.js';

/** The full image reference of a component, from the registry and the pinned repository and tag. */
export function imageRef(config: EnvConfig, component: 'api' | 'worker' | 'drills' | 'loadgen'): string {
  return `${config.images.registry}/${config.images[component].repository}:${config.images.tag}`;
}
