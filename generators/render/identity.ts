import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { IRSA_ANNOTATION, iamRoleArn } from '../../config/aws.js';
import type { Component } from './labels.js';
import { componentLabels } from './labels.js';

export interface ServiceAccountProps {
  readonly component: Component;
  readonly namespace: string;
  /** Give the account an AWS role (IRSA) named by the environment's convention. */
  readonly awsRole?: boolean;
}

/** A workload's own ServiceAccount; with `awsRole`, annotated with the IAM role it may assume. */
export function serviceAccount(scope: Construct, config: EnvConfig, props: ServiceAccountProps): string {
  new k8s.KubeServiceAccount(scope, `${props.component}-service-account`, {
    metadata: {
      name: props.component,
      namespace: props.namespace,
      labels: componentLabels(props.component),
      ...(props.awsRole ? { annotations: { [IRSA_ANNOTATION]: iamRoleArn(config, props.component) } } : {}),
    },
    automountServiceAccountToken: false,
  });
  return props.component;
}

export interface RoleRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  /** Only these objects (a Role can name objects, not label selectors). */
  readonly resourceNames?: string[];
  readonly verbs: string[];
}

/** A Role with exactly `rules` in `namespace`, bound to the component's ServiceAccount in its own namespace. */
export function namespacedRole(
  scope: Construct,
  component: Component,
  saNamespace: string,
  roleNamespace: string,
  rules: RoleRule[],
): void {
  const name = component;
  const labels = componentLabels(component);
  new k8s.KubeRole(scope, `${component}-role-${roleNamespace}`, {
    metadata: { name, namespace: roleNamespace, labels },
    rules,
  });
  new k8s.KubeRoleBinding(scope, `${component}-rolebinding-${roleNamespace}`, {
    metadata: { name, namespace: roleNamespace, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: component, namespace: saNamespace }],
  });
}
