// The api image built for real (buildah, the base image made here), loaded into a containerd of its own under the
// render's name, and started there: it must run its entry point as far as its configuration and trust the CA it was
// given where the services expect RDS's bundle. Cold (nothing cached): minutes; warm: seconds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { RDS_CA_BUNDLE } from '../../generators/render/postgres-env.js';
import { applyDependencyPatches } from '../build/dependency-patches.js';
import { ensureBaseImage } from './base-image.js';
import type { BuiltImage } from './build.js';
import { buildImages, checkEntryFiles } from './build.js';
import { CommandFailed, buildah, run } from './commands.js';
import { KUBERNETES_NAMESPACE } from './containerd.js';
import type { ThrowawayContainerd } from './throwaway-containerd.js';
import { startContainerd } from './throwaway-containerd.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'images-test-'));
const caFile = path.join(work, 'ca.pem');

/** Runs a container from `reference` in containerd; resolves with its exit code and output. */
async function runContainer(
  socket: string,
  reference: string,
  name: string,
  command: string[] = [],
): Promise<{ code: number; output: string }> {
  const args = ['--address', socket, '--namespace', KUBERNETES_NAMESPACE, 'run', '--rm', reference, name, ...command];
  return run('ctr', args, { tailLines: 40 }).then(
    (output) => ({ code: 0, output }),
    (error: unknown) => {
      if (error instanceof CommandFailed) return { code: error.code, output: error.tail };
      throw error;
    },
  );
}

describe('the api image, built here and run in containerd', () => {
  let containerd: ThrowawayContainerd;
  let api: BuiltImage;

  beforeAll(async () => {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path.join(work, 'ca.key'),
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=stand-in PostgreSQL CA',
    ]);
    containerd = await startContainerd();
    const built = await buildImages({
      env: 'dev',
      caBundleFile: caFile,
      containerdSocket: containerd.socket,
      targets: ['api'],
      log: (line) => console.log(`[images] ${line}`),
    });
    api = built[0]!;
  });

  afterAll(async () => {
    await containerd?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('is loaded into the k8s.io namespace under the exact reference the render gives the pods', async () => {
    expect(api.reference).toMatch(/\/events-api:[0-9a-f]{40}$/);
    const names = await run('ctr', [
      '--address',
      containerd.socket,
      '-n',
      KUBERNETES_NAMESPACE,
      'images',
      'list',
      '-q',
    ]);
    expect(names.split('\n')).toContain(api.reference);
    expect(api.loaded).toBe(true);
  });

  it('starts the API as uid 10001 with plain node, which stops on its missing configuration, not on a module', async () => {
    const { code, output } = await runContainer(containerd.socket, api.reference, 'api-start');
    expect(output).toMatch(/KAFKA_BROKERS is required/);
    expect(output).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
    expect(code).toBe(1);
    const id = await runContainer(containerd.socket, api.reference, 'api-id', ['id', '-u']);
    expect(id.output.trim()).toBe('10001');
  });

  it('holds the given CA where the services expect RDS’s bundle', async () => {
    const { output } = await runContainer(containerd.socket, api.reference, 'api-ca', ['cat', RDS_CA_BUNDLE]);
    expect(output.trim()).toBe(fs.readFileSync(caFile, 'utf8').trim());
  });

  it('carries kafkajs as patches/ leaves it (the build stage every target copies its packages from)', async () => {
    const files = ['src/protocol/recordBatch/record/v0/decoder.js', 'src/consumer/batch.js'];
    const inImage = await runContainer(containerd.socket, api.reference, 'api-kafkajs', [
      'sha256sum',
      ...files.map((file) => `/app/node_modules/kafkajs/${file}`),
    ]);
    // What it is compared with: node_modules here, as the patches leave it (or the comparison would prove nothing).
    const here = applyDependencyPatches(path.join(repoRoot, 'patches'), path.join(repoRoot, 'node_modules'), {
      dryRun: true,
    });
    expect(here.flatMap(({ files: patchedFiles }) => patchedFiles.map((f) => f.outcome))).not.toContain('applied');
    const patched = files.map((file) =>
      createHash('sha256')
        .update(fs.readFileSync(path.join(repoRoot, 'node_modules/kafkajs', file)))
        .digest('hex'),
    );
    expect(
      inImage.output
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(patched);
  });

  it('builds nothing and imports nothing again for an unchanged tree', async () => {
    const started = performance.now();
    const [again] = await buildImages({
      env: 'dev',
      caBundleFile: caFile,
      containerdSocket: containerd.socket,
      targets: ['api'],
    });
    expect(again).toMatchObject({ cached: true, loaded: false, imageId: api.imageId, reference: api.reference });
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('refuses an image whose command runs a file it lacks, naming the target and the file', async () => {
    const base = await ensureBaseImage(() => undefined);
    const container = (await buildah(['from', '--pull=never', base.reference])).trim();
    await buildah(['config', '--workingdir', '/app', '--cmd', '["node", "dist/services/api/main.js"]', container]);
    const imageId = (
      await buildah(['commit', '--quiet', '--rm', container, 'localhost/platform-images-test/no-code:1'])
    ).trim();
    try {
      await expect(checkEntryFiles('api', imageId)).rejects.toThrow(
        /^image api: the image lacks \/app\/dist\/services\/api\/main\.js, \/app\/dist\/services\/bootstrap\/main\.js, which its containers run$/,
      );
    } finally {
      await buildah(['rmi', 'localhost/platform-images-test/no-code:1']);
    }
  });
});
