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
  readonly environments: readonly string[];
  /**
   * The root holding the rendered folders (the repository by default; a test's fixture copy otherwise).
   * Rules that look up repository files (runbooks, Application paths) still use `repoRoot`.
   */
  readonly renderedRoot?: string;
}

/**
 * Every check of the committed output of the environments: schemas, the generic linter, the project's rules,
 * connectivity. The external tools of all environments run at once; findings come back per environment, in order.
 */
export async function validateEnvironments(options: ValidateOptions): Promise<Finding[][]> {
  const root = options.renderedRoot ?? options.repoRoot;
  const contexts: ValidationContext[] = options.environments.map((environment) => {
    const dirs = renderedDirs(environment);
    return {
      environment,
      config: loadEnvironment(options.repoRoot, environment).config,
      repoRoot: options.repoRoot,
      dirs,
      objects: readRenderedObjects(root, dirs),
    };
  });
  buildSchemas();
  const schemas = kubeconformFindings(contexts, root);
  const perEnvironment = contexts.map(async (ctx) => {
    const [linted, connectivity] = await Promise.all([kubeScoreFindings(ctx, root), connectivityFindings(ctx, root)]);
    return [...linted, ...PROJECT_RULES.flatMap((rule) => rule.check(ctx)), ...connectivity];
  });
  const [schemaFindings, rest] = await Promise.all([schemas, Promise.all(perEnvironment)]);
  return contexts.map((ctx, i) => [...schemaFindings.filter((f) => f.environment === ctx.environment), ...rest[i]!]);
}

/** The checks of one environment. */
export async function validateEnvironment(
  options: Omit<ValidateOptions, 'environments'> & { readonly environment: string },
): Promise<Finding[]> {
  const [findings] = await validateEnvironments({ ...options, environments: [options.environment] });
  return findings!;
}
