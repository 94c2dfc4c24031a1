import { describe, expect, it } from 'vitest';
import { checkEnvConfig } from '../../config/load.js';
import { environmentFile } from '../../config/paths.js';
import { committedEnvYaml } from '../../config/testing.js';
import { TYPES } from '../policies/policy.js';
import type { RecordedResource } from '../testing/mocks.js';
import { runProgram } from '../testing/run-program.js';

// Two environments in one account (a fork with one account): dev's stack creates GitHub's OIDC provider, staging's
// looks it up, since an account holds one provider per issuer URL and a second would fail to create.
const ACCOUNT = '111111111111';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

function config(environment: string, yaml: string) {
  return checkEnvConfig(yaml, environmentFile(environment), environment, { adopted: false, tolerated: true }).config;
}

const devConfig = config('dev', committedEnvYaml('dev'));
const stagingInDevsAccount = config(
  'staging',
  committedEnvYaml('staging')
    .replaceAll('222222222222', ACCOUNT)
    .replace('githubOidcProvider: create', 'githubOidcProvider: existing'),
);

const githubProviders = (resources: readonly RecordedResource[]) =>
  resources.filter(
    (r) => r.type === 'aws:iam/openIdConnectProvider:OpenIdConnectProvider' && String(r.inputs.url).includes('github'),
  );
const publisherTrust = (resources: readonly RecordedResource[]) => {
  const role = resources.find((r) => r.type === TYPES.role && String(r.inputs.name).endsWith('-image-publisher'));
  return JSON.parse(role!.inputs.assumeRolePolicy as string).Statement[0].Principal.Federated as string;
};

// Each run registers a whole environment under the mocks: seconds each on a shared 2-core machine.
describe("GitHub's OIDC provider, with two environments in one account", { timeout: 120_000 }, () => {
  it('is created once in the account, by the environment that says create', async () => {
    const dev = await runProgram(devConfig);
    const staging = await runProgram(stagingInDevsAccount);
    expect(githubProviders(dev)).toHaveLength(1);
    expect(githubProviders(staging)).toStrictEqual([]);
  });

  it("is the one both environments' image publisher roles trust", async () => {
    expect(publisherTrust(await runProgram(devConfig))).toBe(PROVIDER_ARN);
    expect(publisherTrust(await runProgram(stagingInDevsAccount))).toBe(PROVIDER_ARN);
  });
});
