import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Finding } from './findings.js';
import type { ValidationContext } from './rendered.js';
import { listYamlFiles } from './rendered.js';
import { runTool, toolPath } from './tools.js';

export const KUBE_SCORE_CONFIG = 'policies/kube-score.yaml';

interface KubeScoreConfig {
  ignore: { check: string; reason: string }[];
  enableOptional: { check: string; reason: string }[];
}

interface KubeScoreResult {
  object_name: string;
  type_meta: { kind: string; apiVersion: string };
  object_meta: { name: string; namespace?: string };
  file_name: string;
  checks: {
    check: { id: string; name: string };
    grade: number;
    skipped: boolean;
    comments: { path: string; summary: string; description: string }[] | null;
  }[];
}

// kube-score's grades: 1 critical, 5 warning, 7 almost OK, 10 OK.
const CRITICAL = 1;
const WARNING = 5;

export function readKubeScoreConfig(repoRoot: string): KubeScoreConfig {
  const config = parse(fs.readFileSync(path.join(repoRoot, KUBE_SCORE_CONFIG), 'utf8')) as Partial<KubeScoreConfig>;
  for (const entry of [...(config.ignore ?? []), ...(config.enableOptional ?? [])]) {
    if (!entry.reason?.trim()) throw new Error(`${KUBE_SCORE_CONFIG}: ${entry.check} needs a reason`);
  }
  return { ignore: config.ignore ?? [], enableOptional: config.enableOptional ?? [] };
}

/** kube-score over the environment's workload manifests (the Argo CD objects are not workloads). */
export async function kubeScoreFindings(ctx: ValidationContext, root: string): Promise<Finding[]> {
  const config = readKubeScoreConfig(ctx.repoRoot);
  const files = ctx.dirs.filter((d) => !d.startsWith('argocd/')).flatMap((dir) => listYamlFiles(root, dir));
  const [major, minor] = ctx.config.kubernetesVersion.split('.');
  const args = [
    'score',
    '--output-format',
    'json',
    '--kubernetes-version',
    `v${major}.${minor}`,
    ...config.ignore.flatMap((c) => ['--ignore-test', c.check]),
    ...config.enableOptional.flatMap((c) => ['--enable-optional-test', c.check]),
    ...files,
  ];
  const { stdout, stderr } = await runTool(toolPath(ctx.repoRoot, 'kube-score'), args, root);
  let results: KubeScoreResult[];
  try {
    results = JSON.parse(stdout) as KubeScoreResult[];
  } catch {
    throw new Error(`kube-score did not answer in JSON: ${stderr || stdout.slice(0, 500)}`);
  }
  return results.flatMap((r) =>
    r.checks
      .filter((c) => !c.skipped && (c.grade === CRITICAL || c.grade === WARNING))
      .map((c) => {
        const comments = (c.comments ?? []).map((m) => `${m.path ? `${m.path}: ` : ''}${m.summary}`).join('; ');
        const resource = r.object_meta.namespace
          ? `${r.type_meta.kind}/${r.object_meta.namespace}/${r.object_meta.name}`
          : `${r.type_meta.kind}/${r.object_meta.name}`;
        return {
          severity: c.grade === CRITICAL ? ('error' as const) : ('warning' as const),
          environment: ctx.environment,
          file: path.isAbsolute(r.file_name) ? path.relative(root, r.file_name) : r.file_name,
          resource,
          rule: `kube-score/${c.check.id}`,
          message: comments || c.check.name,
          fix: `follow kube-score's ${c.check.id}, or turn it off in ${KUBE_SCORE_CONFIG} with a reason`,
        };
      }),
  );
}
