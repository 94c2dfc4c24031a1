// Prints, as JSON for a GitHub Actions matrix, where each environment's images are pushed: its registry, account and
// region (from env.yaml) and the role the images workflow assumes there (`<iamRolePrefix>-image-publisher`, infra/).
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { imagePublisherRoleName } from '../../config/aws.js';
import { repoRoot } from '../../config/paths.js';

const include = listEnvironments(repoRoot).map((name) => {
  const { config } = loadEnvironment(repoRoot, name);
  return {
    environment: name,
    registry: config.images.registry,
    region: config.aws.region,
    role: `arn:aws:iam::${config.aws.accountId}:role/${imagePublisherRoleName(config)}`,
  };
});
console.log(JSON.stringify({ include }));
