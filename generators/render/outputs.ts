import path from 'node:path';
import type { LoadedEnvironment } from '../../config/load.js';
import { manifestFiles } from '../output/manifest-files.js';
import { TRAFFIC_MATRIX_DOC, argocdDir, manifestsDir } from '../../config/paths.js';
import type { OutputTree } from '../output/tree.js';
import type { RenderAssets } from './environment.js';
import { renderEnvironment } from './environment.js';
import { trafficMatrixDoc } from './traffic-matrix.js';
import type { EnvConfig } from '../../config/schema.js';

/** Reads the files the generators embed; done once per render, outside the pure functions. */
export function readAssets(_repoRoot: string): RenderAssets {
  return {};
}

/** docs/security/traffic-matrix.md: the render owns that one file of its folder. */
export function trafficMatrixTree(configs: readonly EnvConfig[]): OutputTree {
  const folder = path.posix.dirname(TRAFFIC_MATRIX_DOC);
  return {
    root: folder,
    files: new Map([[path.posix.basename(TRAFFIC_MATRIX_DOC), trafficMatrixDoc(configs)]]),
    exclusive: false,
  };
}

/** Every folder the render owns for one environment, with the files it must hold. */
export function environmentOutputs(environment: LoadedEnvironment, assets: RenderAssets): OutputTree[] {
  const rendered = renderEnvironment(environment.config, assets);
  return [
    { root: manifestsDir(environment.name), files: manifestFiles(environment, rendered.workloads) },
    { root: argocdDir(environment.name), files: manifestFiles(environment, rendered.argocd, { flat: true }) },
  ];
}
