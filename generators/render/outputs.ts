import type { LoadedEnvironment } from '../config/load.js';
import { manifestFiles, manifestsDir } from '../output/manifest-files.js';
import type { OutputTree } from '../output/tree.js';
import { renderEnvironment } from './environment.js';

/** Every folder the render owns for one environment, with the files it must hold. */
export function environmentOutputs(environment: LoadedEnvironment): OutputTree[] {
  const objects = renderEnvironment(environment.config);
  return [{ root: manifestsDir(environment.name), files: manifestFiles(environment, objects) }];
}
