import crypto from 'node:crypto';
import type { EnvConfig } from '../../config/schema.js';
import { imageRef } from '../../generators/render/images.js';
import type { ImageTarget } from '../build/image-targets.js';

/** Everything a target's image is made from: equal inputs, equal image. */
export interface BuildInputs {
  readonly target: ImageTarget;
  /** The Dockerfile's text. */
  readonly dockerfile: string;
  /** The hash of the build context after .dockerignore (tools/images/build-context.ts). */
  readonly context: string;
  /** The base image's id (NODE_IMAGE). */
  readonly baseImageId: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Named build contexts, by name: the hash of their content. */
  readonly buildContexts: Readonly<Record<string, string>>;
  /** The builder and its version: another builder may make another image from the same inputs. */
  readonly builder: string;
}

/** The label containerd's copy of an image carries: the key of the build it was imported from. */
export const BUILD_KEY_LABEL = 'platform.images.build-key';

function sorted(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The cache key of a build: a hash over its inputs, independent of the order the arguments were given in. */
export function buildKey(inputs: BuildInputs): string {
  const canonical = JSON.stringify([
    inputs.target,
    inputs.dockerfile,
    inputs.context,
    inputs.baseImageId,
    sorted(inputs.buildArgs),
    sorted(inputs.buildContexts),
    inputs.builder,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

/** The name each target's image is loaded under: the reference the environment's render gives its pods. */
export function imageReferences(config: EnvConfig, targets: readonly ImageTarget[]): Record<ImageTarget, string> {
  return Object.fromEntries(targets.map((target) => [target, imageRef(config, target)])) as Record<ImageTarget, string>;
}

/** The name of a build in the project's storage, by content: found again whichever environment asks for it. */
export function keyedName(target: ImageTarget, key: string): string {
  return `localhost/platform-images/${target}:${key}`;
}
