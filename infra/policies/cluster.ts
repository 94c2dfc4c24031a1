import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, ofType, violation } from './policy.js';

const NAME = 'the Kubernetes API is not open to the world';

/** The EKS endpoint answers inside the VPC; a public endpoint, if any, admits listed networks only, never 0.0.0.0/0. */
export const clusterEndpointNotOpen: InfraPolicy = {
  name: NAME,
  check(resources) {
    const violations: Violation[] = [];
    for (const eks of ofType(resources, TYPES.eksCluster)) {
      const vpcConfig = eks.inputs.vpcConfig ?? {};
      if (vpcConfig.endpointPrivateAccess !== true) {
        violations.push(
          violation(
            NAME,
            eks,
            `cluster ${eks.inputs.name} has no private endpoint: nodes reach the API over the internet`,
          ),
        );
      }
      if (vpcConfig.endpointPublicAccess !== false) {
        const cidrs = (vpcConfig.publicAccessCidrs ?? []) as string[];
        // AWS opens an enabled public endpoint to 0.0.0.0/0 when no CIDR is listed.
        if (cidrs.length === 0 || cidrs.some((cidr) => cidr.endsWith('/0'))) {
          violations.push(
            violation(
              NAME,
              eks,
              `cluster ${eks.inputs.name} answers the whole internet (publicAccessCidrs: ${JSON.stringify(cidrs)})`,
            ),
          );
        }
      }
    }
    return violations;
  },
};
