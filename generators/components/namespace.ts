import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { platformLabels } from '../render/labels.js';

/** The environment's namespace, enforcing the restricted Pod Security Standard on every pod in it. */
export function renderNamespace(scope: Construct, config: EnvConfig): void {
  new k8s.KubeNamespace(scope, 'namespace', {
    metadata: {
      name: config.namespace,
      labels: {
        ...platformLabels(),
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        // The AWS Load Balancer Controller adds a readiness gate to pods behind an ALB: a rolling update waits until
        // the new pod is healthy in the target group, so the ALB never routes to a pod that is not there yet (no 502s).
        'elbv2.k8s.aws/pod-readiness-gate-inject': 'enabled',
      },
    },
  });
}
