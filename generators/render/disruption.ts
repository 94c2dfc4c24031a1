import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { Component } from './labels.js';
import { componentLabels, selectorLabels } from './labels.js';

/** A PodDisruptionBudget that always allows at least one voluntary disruption, so node drains never deadlock. */
export function podDisruptionBudget(
  scope: Construct,
  component: Component,
  namespace: string,
  maxUnavailable: number,
): void {
  new k8s.KubePodDisruptionBudget(scope, `${component}-pdb`, {
    metadata: { name: component, namespace, labels: componentLabels(component) },
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(maxUnavailable),
      selector: { matchLabels: selectorLabels(component) },
    },
  });
}
