import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { ARGOCD_VERSION } from '../../platform-addons/argocd.js';

function required(toolModule: string, module: string): string | undefined {
  const goMod = fs.readFileSync(path.join(repoRoot, 'tools', 'go', toolModule, 'go.mod'), 'utf8');
  return new RegExp(`^\\s*${module.replaceAll('.', '\\.')} (v\\S+)`, 'm').exec(goMod)?.[1];
}

describe('the sync rehearsal runs the versions the environments target', () => {
  it('runs the Argo CD release whose CRDs the environments are validated against', () => {
    expect(required('argocd', 'github.com/argoproj/argo-cd/v3')).toBe(ARGOCD_VERSION);
  });

  it.each(listEnvironments(repoRoot))('runs the Kubernetes release %s targets', (env) => {
    expect(required('kubernetes', 'k8s.io/kubernetes')).toBe(
      `v${loadEnvironment(repoRoot, env).config.kubernetesVersion}`,
    );
  });
});
