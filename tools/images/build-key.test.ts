import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { manifestsDir, repoRoot } from '../../config/paths.js';
import { IMAGE_TARGETS } from '../build/image-targets.js';
import type { BuildInputs } from './build-key.js';
import { buildKey, imageReferences, keyedName } from './build-key.js';

const inputs: BuildInputs = {
  target: 'api',
  dockerfile: 'FROM ${NODE_IMAGE} AS build\n',
  context: 'c0ffee',
  baseImageId: 'b45e',
  buildArgs: { NODE_IMAGE: 'localhost/platform-node-base:1', RUN_AS: '10001' },
  buildContexts: { 'rds-ca-bundle': 'ca' },
  builder: 'buildah version 1.28.2',
};

describe('the cache key of an image build', () => {
  it('is the same for the same inputs, whatever order the arguments were given in', () => {
    const reordered = { ...inputs, buildArgs: { RUN_AS: '10001', NODE_IMAGE: 'localhost/platform-node-base:1' } };
    expect(buildKey(reordered)).toBe(buildKey(inputs));
  });

  it.each([
    ['target', { target: 'worker' }],
    ['Dockerfile', { dockerfile: 'FROM ${NODE_IMAGE} AS build\nRUN true\n' }],
    ['build context', { context: 'c0ffef' }],
    ['base image', { baseImageId: 'b45f' }],
    ['build argument', { buildArgs: { ...inputs.buildArgs, RUN_AS: '10002' } }],
    ['named build context (the CA bundle)', { buildContexts: { 'rds-ca-bundle': 'other ca' } }],
    ['builder', { builder: 'buildah version 1.29.0' }],
  ] as const)('changes with the %s', (_, change) => {
    expect(buildKey({ ...inputs, ...change })).not.toBe(buildKey(inputs));
  });

  it('names the build in the storage by target and key', () => {
    expect(keyedName('drills', 'abc')).toBe('localhost/platform-images/drills:abc');
  });
});

describe('the names the images are loaded under', () => {
  it('are exactly the references the rendered manifests give the pods', () => {
    const { config } = loadEnvironment(repoRoot, 'dev');
    const references = imageReferences(config, IMAGE_TARGETS);
    const dir = path.join(repoRoot, manifestsDir('dev'));
    const rendered = new Set(
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) =>
          [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s+image: (\S+)$/gm)].map((m) => m[1]),
        ),
    );
    expect(new Set(Object.values(references))).toStrictEqual(rendered);
    expect(references.api).toBe(`${config.images.registry}/${config.images.api.repository}:${config.images.tag}`);
  });
});
