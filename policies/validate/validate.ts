import { loadEnvironment } from '../../config/load.js';
import { renderedDirs } from '../../config/paths.js';
import { PROJECT_RULES } from '../rules/index.js';
import { buildSchemas } from '../schemas/build.js';
import { connectivityFindings } from './connectivity.js';
import type { Finding } from './findings.js';
import { kubeScoreFindings } from './kube-score.js';
import { kubeconformFindings } from './kubeconform.js';
import type { ValidationContext } from './rendered.js';
import { readRenderedObjects } from './rendered.js';

export interface ValidateOptions {
  readonly repoRoot: string;
  readonly environment: string;
  /**
   * The root holding the rendered folders (the repository by default; a test's fixture copy otherwise).
   * Rules that look up repository files (runbooks, Application paths) still use `repoRoot`.
   */
  readonly renderedRoot?: string;
}

/** Every check of one environment's committed output: schemas, the generic linter, the project's rules, connectivity. */
export function validateEnvironment(options: ValidateOptions): Finding[] {
  const root = options.renderedRoot ?? options.repoRoot;
  const { config } = loadEnvironment(options.repoRoot, options.environment);
  const dirs = renderedDirs(options.environment);
  const ctx: ValidationContext = {
    environment: options.environment,
    config,
    repoRoot: options.repoRoot,
    dirs,
    objects: readRenderedObjects(root, dirs),
  };
  buildSchemas();
  return [
    ...kubeconformFindings(ctx, root),
    ...kubeScoreFindings(ctx, root),
    ...PROJECT_RULES.flatMap((rule) => rule.check(ctx)),
    ...connectivityFindings(ctx, root),
  ];
}
