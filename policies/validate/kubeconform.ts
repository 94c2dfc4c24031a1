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

/**
 * kubeconform, offline and strict, against the Kubernetes version the environment targets and the CRDs of the pinned
 * add-ons. A missing schema is an error: an object nobody can check is not assumed valid.
 */
export function kubeconformFindings(ctx: ValidationContext, root: string): Finding[] {
  const binary = toolPath(ctx.repoRoot, 'kubeconform');
  const args = [
    '-strict',
    '-output',
    'json',
    '-kubernetes-version',
    ctx.config.kubernetesVersion,
    '-schema-location',
    kubernetesSchemaDir,
    '-schema-location',
    path.join(crdSchemaDir, '{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
    ...ctx.dirs,
  ];
  const { stdout, stderr } = runTool(binary, args, root);
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
        environment: ctx.environment,
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
        message: `${e.path || '/'}: ${e.msg} (${r.version} ${r.kind}, Kubernetes ${ctx.config.kubernetesVersion})`,
        fix: 'remove or correct the field in the generator that renders it',
      }));
    });
}
