import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { cacheDir } from '../../policies/schemas/build.js';
import { downloadGoModule } from '../../policies/schemas/go-modules.js';
import type { CrdSource } from '../../platform-addons/catalog.js';
import { crdSources } from '../../policies/schemas/sources.js';
import { kubectl } from './kubectl.js';
import { readObjects } from './objects.js';

/** The CRDs of each source, extracted once from its Go module (CI caches .cache, not the Go module cache). */
const crdCacheDir = path.join(cacheDir, 'sync-crds');

function crdFile(source: CrdSource): { file: string; count: number } {
  const file = path.join(crdCacheDir, `${source.module.replaceAll('/', '_')}@${source.version}.yaml`);
  if (!fs.existsSync(file)) {
    const crds = readObjects(path.join(downloadGoModule(cacheDir, source.module, source.version), source.dir)).filter(
      (o) => o.kind === 'CustomResourceDefinition',
    );
    fs.mkdirSync(crdCacheDir, { recursive: true });
    fs.writeFileSync(`${file}.tmp`, crds.map((c) => `---\n${stringify(c)}`).join(''));
    fs.renameSync(`${file}.tmp`, file);
  }
  return { file, count: fs.readFileSync(file, 'utf8').split('\n---\n').length };
}

/**
 * Installs the CRDs of the pinned add-ons and of Argo CD, from the same Go modules and versions as the offline schemas
 * (policies/schemas/sources.ts), and waits until the server serves them. Returns `module@version (N CRDs)` per source.
 */
export async function installCrds(kubeconfig: string): Promise<string[]> {
  const files = crdSources().map((source) => ({ source, ...crdFile(source) }));
  // Server-side: some of these CRDs are larger than client-side apply's last-applied annotation allows.
  await kubectl(kubeconfig, ['apply', '--server-side', '--force-conflicts', ...files.flatMap((f) => ['-f', f.file])]);
  await kubectl(kubeconfig, ['wait', '--for', 'condition=Established', '--timeout', '60s', 'crd', '--all']);
  return files.map((f) => `${f.source.module}@${f.source.version} (${f.count} CRDs)`);
}
