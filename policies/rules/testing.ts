import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import type { RenderedObject, ValidationContext } from '../validate/rendered.js';
import { readRenderedObjects } from '../validate/rendered.js';

/** The committed dev output as a validation context, deep-copied so a test can break it in memory. */
export function devContext(): ValidationContext {
  const dirs = ['environments/dev/manifests', 'argocd/dev'];
  return {
    environment: 'dev',
    config: loadEnvironment(repoRoot, 'dev').config,
    repoRoot,
    dirs,
    objects: structuredClone(readRenderedObjects(repoRoot, dirs)),
  };
}

export function objectNamed(ctx: ValidationContext, kind: string, name: string): RenderedObject['object'] {
  const found = ctx.objects.find((o) => o.object.kind === kind && o.object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the dev render`);
  return found.object;
}
