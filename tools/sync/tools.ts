import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../policies/schemas/build.js';

/** Where tools/install/sync-tools.sh puts the control plane, Argo CD and KWOK (one name per command, on PATH). */
export const syncToolsDir = path.join(cacheDir, 'sync-tools');
export const syncBinDir = path.join(syncToolsDir, 'bin');
export const kwokStagesDir = path.join(syncToolsDir, 'kwok-stages');

export const COMMANDS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kubelet',
  'kube-proxy',
  'kwok',
  'argocd-application-controller',
  'argocd-repo-server',
  'git-verify-wrapper.sh',
] as const;
export type Command = (typeof COMMANDS)[number];

export function commandPath(command: Command): string {
  return path.join(syncBinDir, command);
}

/** Throws, saying how to install, when a command or the Redis server is missing. */
export function assertToolsInstalled(): void {
  const missing = COMMANDS.filter((c) => !fs.existsSync(commandPath(c)));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')} in ${syncBinDir}: run \`bash tools/install/sync-tools.sh\``);
  }
  const onPath = (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, 'redis-server')));
  if (!onPath)
    throw new Error('missing redis-server: run `bash tools/install/sync-tools.sh` (Debian package redis-server)');
}

/** KWOK's Stage configs, as installed from its module. */
export function kwokStageFiles(): string[] {
  return fs
    .readdirSync(kwokStagesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(kwokStagesDir, f));
}
