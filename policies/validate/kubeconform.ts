import path from 'node:path';
import { crdSchemaDir, kubernetesSchemaDir } from '../schemas/build.js';
import type { Finding } from './findings.js';
import type { ValidationContext } from './rendered.js';
import { runTool, toolPath } from './tools.js';

interface KubeconformResult {
  filename: string;
  kind: string;
  name: string;
  version: string;
  status: string;
  msg: string;
  validationErrors?: { path: string; msg: string }[];
}

/** The context whose rendered folders hold a file. */
function owner(contexts: readonly ValidationContext[], file: string): ValidationContext {
  const found = contexts.find((ctx) => ctx.dirs.some((dir) => file.startsWith(`${dir}/`)));
  if (!found) throw new Error(`kubeconform reported ${file}, which no environment rendered`);
  return found;
}

/**
 * kubeconform, offline and strict, against the Kubernetes version each environment targets and the CRDs of the pinned
 * add-ons. A missing schema is an error: an object nobody can check is not assumed valid. Environments that target the
 * same version are checked in one run, which loads and compiles each schema once.
 */
export async function kubeconformFindings(contexts: readonly ValidationContext[], root: string): Promise<Finding[]> {
  const versions = [...new Set(contexts.map((ctx) => ctx.config.kubernetesVersion))];
  const runs = versions.map((version) =>
    kubeconformRun(
      contexts.filter((ctx) => ctx.config.kubernetesVersion === version),
      version,
      root,
    ),
  );
  return (await Promise.all(runs)).flat();
}

async function kubeconformRun(
  contexts: readonly ValidationContext[],
  kubernetesVersion: string,
  root: string,
): Promise<Finding[]> {
  const binary = toolPath(contexts[0]!.repoRoot, 'kubeconform');
  const args = [
    '-strict',
    '-output',
    'json',
    '-kubernetes-version',
    kubernetesVersion,
    '-schema-location',
    kubernetesSchemaDir,
    '-schema-location',
    path.join(crdSchemaDir, '{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
    ...contexts.flatMap((ctx) => ctx.dirs),
  ];
  const { stdout, stderr } = await runTool(binary, args, root);
  let results: KubeconformResult[];
  try {
    results = (JSON.parse(stdout) as { resources?: KubeconformResult[] }).resources ?? [];
  } catch {
    throw new Error(`kubeconform did not answer in JSON: ${stderr || stdout}`);
  }
  return results
    .filter((r) => r.status === 'statusInvalid' || r.status === 'statusError')
    .flatMap((r) => {
      const base = {
        severity: 'error' as const,
        environment: owner(contexts, r.filename).environment,
        file: r.filename,
        resource: `${r.kind}/${r.name}`,
        rule: 'schema',
      };
      if (r.status === 'statusError' || !r.validationErrors?.length) {
        const missing = /could not find schema/.test(r.msg);
        return [
          {
            ...base,
            message: r.msg,
            fix: missing
              ? `add the CRD source of ${r.version} to platform-addons/catalog.ts or policies/schemas/sources.ts`
              : 'fix the generator that renders it',
          },
        ];
      }
      return r.validationErrors.map((e) => ({
        ...base,
        message: `${e.path || '/'}: ${e.msg} (${r.version} ${r.kind}, Kubernetes ${kubernetesVersion})`,
        fix: 'remove or correct the field in the generator that renders it',
      }));
    });
}
