import { describe, expect, it } from 'vitest';
import { recordedEnvironment, withChangedInputs } from '../testing/environments.js';
import { clusterEndpointNotOpen } from './cluster.js';
import { TYPES } from './policy.js';

describe('the Kubernetes API is not open to the world', () => {
  it('fails a public endpoint with no CIDR list, which AWS opens to 0.0.0.0/0', async () => {
    const resources = withChangedInputs(
      await recordedEnvironment('dev'),
      TYPES.eksCluster,
      (i) => (i.vpcConfig.endpointPublicAccess = true),
    );
    expect(clusterEndpointNotOpen.check(resources).map((v) => v.message)).toStrictEqual([
      'cluster events-dev answers the whole internet (publicAccessCidrs: [])',
    ]);
  });

  it('accepts a public endpoint limited to an admin network, and fails one without a private endpoint', async () => {
    const limited = withChangedInputs(await recordedEnvironment('dev'), TYPES.eksCluster, (i) => {
      i.vpcConfig.endpointPublicAccess = true;
      i.vpcConfig.publicAccessCidrs = ['203.0.113.0/24'];
      i.vpcConfig.endpointPrivateAccess = false;
    });
    expect(clusterEndpointNotOpen.check(limited).map((v) => v.message)).toStrictEqual([
      'cluster events-dev has no private endpoint: nodes reach the API over the internet',
    ]);
  });
});
