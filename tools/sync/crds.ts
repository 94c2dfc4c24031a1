import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { cacheDir } from '../../policies/schemas/build.js';
import { downloadGoModule } from '../../policies/schemas/go-modules.js';
import { crdSources } from '../../policies/schemas/sources.js';
import { kubectl } from './kubectl.js';
import { readObjects } from './objects.js';

/**
 * Installs the CRDs of the pinned add-ons and of Argo CD, from the same Go modules and versions as the offline schemas
 * (policies/schemas/sources.ts), and waits until the server serves them. Returns `module@version (N CRDs)` per source.
 */
export async function installCrds(kubeconfig: string, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const installed: string[] = [];
  for (const source of crdSources()) {
    const crds = readObjects(path.join(downloadGoModule(cacheDir, source.module, source.version), source.dir)).filter(
      (o) => o.kind === 'CustomResourceDefinition',
    );
    const file = path.join(dir, `${source.module.replaceAll('/', '_')}@${source.version}.yaml`);
    fs.writeFileSync(file, crds.map((c) => `---\n${stringify(c)}`).join(''));
    // Server-side: some of these CRDs are larger than client-side apply's last-applied annotation allows.
    await kubectl(kubeconfig, ['apply', '--server-side', '--force-conflicts', '-f', file]);
    installed.push(`${source.module}@${source.version} (${crds.length} CRDs)`);
  }
  await kubectl(kubeconfig, ['wait', '--for', 'condition=Established', '--timeout', '60s', 'crd', '--all']);
  return installed;
}
