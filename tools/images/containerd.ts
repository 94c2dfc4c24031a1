import { BUILD_KEY_LABEL } from './build-key.js';
import { run } from './commands.js';

/** The namespace the kubelet's CRI looks for images in. */
export const KUBERNETES_NAMESPACE = 'k8s.io';

function ctr(socket: string, args: readonly string[]): Promise<string> {
  return run('ctr', ['--address', socket, '--namespace', KUBERNETES_NAMESPACE, ...args]);
}

/** Whether containerd already holds `reference` as the build with this key (imported and labelled by loadImage). */
export async function holdsBuild(socket: string, reference: string, key: string): Promise<boolean> {
  const listing = await ctr(socket, ['images', 'list', `name==${reference}`]);
  return listing
    .split('\n')
    .some((line) => line.startsWith(`${reference} `) && line.includes(`${BUILD_KEY_LABEL}=${key}`));
}

/**
 * Imports a docker archive into containerd under the name the archive gives it (the render's reference), unpacked
 * for the default snapshotter, and labels it with the build key so that an unchanged build is not imported again.
 */
export async function loadImage(socket: string, archive: string, reference: string, key: string): Promise<boolean> {
  if (await holdsBuild(socket, reference, key)) return false;
  await ctr(socket, ['images', 'import', archive]);
  const listing = await ctr(socket, ['images', 'list', '--quiet', `name==${reference}`]);
  if (!listing.split('\n').includes(reference)) {
    throw new Error(`containerd imported ${archive} but holds no image named ${reference}`);
  }
  await ctr(socket, ['images', 'label', reference, `${BUILD_KEY_LABEL}=${key}`]);
  return true;
}
