import { describe, expect, it } from 'vitest';
import { checkEnvConfig, listEnvironments, loadEnvironment } from '../../config/load.js';
import { environmentFile, repoRoot } from '../../config/paths.js';
import { committedEnvYaml } from '../../config/testing.js';
import { pushPlan } from './push-targets.js';

const ACCOUNT = '123456789012';

/** dev with an account of its own (a fork after `npm run adopt -- --env dev`), the others as committed. */
function forkWithDevOnly() {
  const dev = committedEnvYaml('dev').replaceAll('111111111111', ACCOUNT);
  return listEnvironments(repoRoot).map((name) =>
    name === 'dev'
      ? { name, config: checkEnvConfig(dev, environmentFile(name), name, { adopted: false, tolerated: true }).config }
      : loadEnvironment(repoRoot, name),
  );
}

describe('the images workflow targets', () => {
  it('skip every environment without an account of its own, with a line that says so', () => {
    const plan = pushPlan(listEnvironments(repoRoot).map((name) => loadEnvironment(repoRoot, name)));
    expect(plan.include).toStrictEqual([]);
    expect(plan.skipped).toStrictEqual([
      'dev: skipped, no account of its own (aws.accountId names the made-up AWS account 111111111111; npm run adopt -- --env dev)',
      'prod: skipped, no account of its own (aws.accountId names the made-up AWS account 333333333333; npm run adopt -- --env prod)',
      'staging: skipped, no account of its own (aws.accountId names the made-up AWS account 222222222222; npm run adopt -- --env staging)',
    ]);
  });

  it('push to the one environment of a fork with one account, and promote it: it follows main', () => {
    const plan = pushPlan(forkWithDevOnly());
    expect(plan.include).toStrictEqual([
      {
        environment: 'dev',
        registry: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`,
        region: 'eu-west-1',
        role: `arn:aws:iam::${ACCOUNT}:role/events-dev-image-publisher`,
      },
    ]);
    expect(plan.promote).toStrictEqual(['dev']);
    expect(plan.skipped).toHaveLength(2);
  });
});
