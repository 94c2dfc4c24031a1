import { describe, expect, it } from 'vitest';
import type { RecordedResource } from '../testing/mocks.js';
import { recordedEnvironment } from '../testing/environments.js';
import {
  irsaTrustsOneServiceAccount,
  noWildcardAdmin,
  serviceAccountRoles,
  workflowRoles,
  workflowRolesTrustOneBranch,
} from './identities.js';
import { TYPES } from './policy.js';

/** The resources with the trust policy of the role named `name` rewritten. */
function withTrust(
  resources: readonly RecordedResource[],
  name: string,
  change: (statement: any) => void,
): RecordedResource[] {
  return resources.map((r) => {
    if (r.type !== TYPES.role || r.inputs.name !== name) return r;
    const policy = JSON.parse(r.inputs.assumeRolePolicy as string);
    change(policy.Statement[0]);
    return { ...r, inputs: { ...r.inputs, assumeRolePolicy: JSON.stringify(policy) } };
  });
}

describe('every IRSA trust names exactly one service account', () => {
  it('covers the eleven service accounts that get AWS roles', async () => {
    const roles = serviceAccountRoles(await recordedEnvironment('dev')).map((r) => r.inputs.name);
    expect(roles.sort()).toStrictEqual(
      [
        'api',
        'aws-load-balancer-controller',
        'bootstrap',
        'chaos-drill',
        'external-secrets',
        'keda-operator',
        'monitoring-secrets-reader',
        'restore-drill',
        'secrets-reader',
        'velero',
        'worker',
      ].map((sa) => `events-dev-${sa}`),
    );
  });

  it('fails a trust that matches every service account of a namespace with StringLike', async () => {
    const resources = withTrust(await recordedEnvironment('dev'), 'events-dev-worker', (statement) => {
      const equals = statement.Condition.StringEquals;
      const subKey = Object.keys(equals).find((k) => k.endsWith(':sub'))!;
      statement.Condition = {
        StringLike: { [subKey]: 'system:serviceaccount:events-dev:*' },
        StringEquals: { [subKey.replace(':sub', ':aud')]: 'sts.amazonaws.com' },
      };
    });
    expect(irsaTrustsOneServiceAccount.check(resources).map((v) => v.message)).toStrictEqual([
      'role events-dev-worker trust uses StringLike: only StringEquals names one account',
    ]);
  });

  it('fails a trust that lists two service accounts', async () => {
    const resources = withTrust(await recordedEnvironment('dev'), 'events-dev-api', (statement) => {
      const equals = statement.Condition.StringEquals;
      const subKey = Object.keys(equals).find((k) => k.endsWith(':sub'))!;
      equals[subKey] = ['system:serviceaccount:events-dev:api', 'system:serviceaccount:events-dev:worker'];
    });
    expect(irsaTrustsOneServiceAccount.check(resources).map((v) => v.message)).toStrictEqual([
      'role events-dev-api trust names several subjects: ["system:serviceaccount:events-dev:api","system:serviceaccount:events-dev:worker"]',
    ]);
  });

  it('fails two roles that trust the same service account', async () => {
    const resources = withTrust(await recordedEnvironment('dev'), 'events-dev-chaos-drill', (statement) => {
      const equals = statement.Condition.StringEquals;
      const subKey = Object.keys(equals).find((k) => k.endsWith(':sub'))!;
      equals[subKey] = 'system:serviceaccount:events-dev:worker';
    });
    expect(irsaTrustsOneServiceAccount.check(resources)).toHaveLength(1);
  });
});

describe('a workflow role trusts one repository on its publishing branch', () => {
  it('covers the image publisher, trusting the main branch of the repository Argo CD syncs from', async () => {
    const resources = await recordedEnvironment('dev');
    const roles = workflowRoles(resources);
    expect(roles.map((r) => r.inputs.name)).toStrictEqual(['events-dev-image-publisher']);
    const trust = JSON.parse(roles[0]!.inputs.assumeRolePolicy as string);
    expect(trust.Statement[0].Condition.StringEquals).toStrictEqual({
      'token.actions.githubusercontent.com:sub': 'repo:example/event-platform:ref:refs/heads/main',
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    });
    expect(workflowRolesTrustOneBranch.check(resources)).toStrictEqual([]);
  });

  it('fails a trust that any branch or pull request of the repository could use', async () => {
    const resources = withTrust(await recordedEnvironment('dev'), 'events-dev-image-publisher', (statement) => {
      statement.Condition.StringEquals['token.actions.githubusercontent.com:sub'] = 'repo:example/event-platform:*';
    });
    expect(workflowRolesTrustOneBranch.check(resources).map((v) => v.message)).toStrictEqual([
      'role events-dev-image-publisher trusts "repo:example/event-platform:*", not one repository\'s refs/heads/main',
    ]);
  });

  it('fails a trust with StringLike, and one without the STS audience', async () => {
    const like = withTrust(await recordedEnvironment('dev'), 'events-dev-image-publisher', (statement) => {
      statement.Condition = { StringLike: statement.Condition.StringEquals };
    });
    expect(workflowRolesTrustOneBranch.check(like).map((v) => v.message)).toStrictEqual([
      'role events-dev-image-publisher trusts with StringLike: only StringEquals',
    ]);
    const anyAudience = withTrust(await recordedEnvironment('dev'), 'events-dev-image-publisher', (statement) => {
      delete statement.Condition.StringEquals['token.actions.githubusercontent.com:aud'];
    });
    expect(workflowRolesTrustOneBranch.check(anyAudience).map((v) => v.message)).toStrictEqual([
      'role events-dev-image-publisher does not pin the audience to sts.amazonaws.com',
    ]);
  });
});

describe('no role may do everything', () => {
  it('fails a policy that allows s3:* on every resource', async () => {
    const resources = [
      ...(await recordedEnvironment('dev')),
      {
        type: TYPES.rolePolicy,
        name: 'too-much',
        inputs: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] }) },
      },
    ];
    expect(noWildcardAdmin.check(resources).map((v) => v.message)).toStrictEqual(['allows s3:* on every resource']);
  });
});
