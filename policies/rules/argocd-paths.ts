import fs from 'node:fs';
import path from 'node:path';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

export const argocdPaths: PolicyRule = {
  id: 'argocd-path-exists',
  description: 'Every Argo CD Application that syncs this repository points at a folder that exists',
  check(ctx) {
    return ctx.objects
      .filter(({ object }) => object.kind === 'Application')
      .flatMap((at) => {
        const sources = [at.object.spec?.source, ...(at.object.spec?.sources ?? [])].filter(Boolean);
        return sources
          .filter((s: any) => s.repoURL === ctx.config.gitops.repoURL && typeof s.path === 'string')
          .filter(
            (s: any) =>
              !fs.existsSync(path.join(ctx.repoRoot, s.path)) ||
              !fs.statSync(path.join(ctx.repoRoot, s.path)).isDirectory(),
          )
          .map((s: any) =>
            finding(
              ctx,
              this.id,
              at,
              `syncs path '${s.path}', which is not a folder of this repository`,
              'render the environment or fix the path',
            ),
          );
      });
  },
};
