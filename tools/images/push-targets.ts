import { imagePublisherRoleName } from '../../config/aws.js';
import { placeholderReason } from '../../config/placeholders.js';
import type { EnvConfig } from '../../config/schema.js';

/** Where the images workflow pushes one environment's images, and the role it assumes there (infra/ creates it). */
export interface PushTarget {
  readonly environment: string;
  readonly registry: string;
  readonly region: string;
  readonly role: string;
}

export interface PushPlan {
  /** The push job's matrix: every environment with an account of its own. */
  readonly include: PushTarget[];
  /** Environments among those that follow a branch (dev follows main): promoted as soon as their own push succeeds. */
  readonly promote: string[];
  /** One line per environment left out, saying why. */
  readonly skipped: string[];
}

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * The images workflow's targets. An environment whose account is still the reference's placeholder has no registry
 * to push to (a fork with one account and one environment): it is skipped, with a line that says so.
 */
export function pushPlan(environments: readonly { name: string; config: EnvConfig }[]): PushPlan {
  const include: PushTarget[] = [];
  const promote: string[] = [];
  const skipped: string[] = [];
  for (const { name, config } of environments) {
    const reason = placeholderReason(config.aws.accountId);
    if (reason) {
      skipped.push(`${name}: skipped, no account of its own (aws.accountId ${reason}; npm run adopt -- --env ${name})`);
      continue;
    }
    include.push({
      environment: name,
      registry: config.images.registry,
      region: config.aws.region,
      role: `arn:aws:iam::${config.aws.accountId}:role/${imagePublisherRoleName(config)}`,
    });
    if (!COMMIT.test(config.gitops.targetRevision)) promote.push(name);
  }
  return { include, promote, skipped };
}
