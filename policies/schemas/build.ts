// Builds kubeconform's offline schemas into .cache/schemas: Kubernetes kinds for every version an environment
// targets, and the CRDs of the pinned add-ons and Argo CD. Idempotent; each source is converted once.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { crdSchemas } from './crd-to-schema.js';
import { downloadGoModule } from './go-modules.js';
import { standaloneSchemas } from './openapi-to-standalone.js';
import { KUBERNETES_MODULE, KUBERNETES_OPENAPI_DIR, SCHEMA_FORMAT, crdSources } from './sources.js';

export const cacheDir = process.env.PLATFORM_CACHE_DIR ?? path.join(repoRoot, '.cache');
export const schemaDir = path.join(cacheDir, 'schemas');
export const kubernetesSchemaDir = path.join(schemaDir, 'kubernetes');
export const crdSchemaDir = path.join(schemaDir, 'crds');

function marker(name: string): string {
  return path.join(schemaDir, '.built', `${name.replaceAll('/', '_')}.format-${SCHEMA_FORMAT}`);
}

function once(name: string, build: () => number): void {
  const done = marker(name);
  if (fs.existsSync(done)) return;
  const count = build();
  fs.mkdirSync(path.dirname(done), { recursive: true });
  fs.writeFileSync(done, `${count} schemas\n`);
  console.log(`[schemas] ${name}: ${count} schemas`);
}

function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data));
}

export function kubernetesVersions(): string[] {
  return [
    ...new Set(listEnvironments(repoRoot).map((e) => loadEnvironment(repoRoot, e).config.kubernetesVersion)),
  ].sort();
}

function buildKubernetes(version: string): number {
  const dir = path.join(downloadGoModule(cacheDir, KUBERNETES_MODULE, `v${version}`), KUBERNETES_OPENAPI_DIR);
  const out = path.join(kubernetesSchemaDir, `v${version}-standalone-strict`);
  let count = 0;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const { fileName, schema } of standaloneSchemas(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))) {
      writeJson(path.join(out, fileName), schema);
      count += 1;
    }
  }
  return count;
}

function buildCrds(module: string, version: string, crdDir: string): number {
  const dir = path.join(downloadGoModule(cacheDir, module, version), crdDir);
  let count = 0;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      for (const { path: relative, schema } of crdSchemas(doc.toJS())) {
        writeJson(path.join(crdSchemaDir, relative), schema);
        count += 1;
      }
    }
  }
  return count;
}

export function buildSchemas(): void {
  for (const version of kubernetesVersions()) once(`kubernetes@v${version}`, () => buildKubernetes(version));
  for (const source of crdSources())
    once(`${source.module}@${source.version}`, () => buildCrds(source.module, source.version, source.dir));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildSchemas();
}
