import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { Component } from './labels.js';
import { componentLabels, selectorLabels } from './labels.js';

/** A ClusterIP Service that selects a component's pods by its fixed selector labels and targets a named port. */
export function componentService(
  scope: Construct,
  component: Component,
  namespace: string,
  port: number,
  portName: string,
): void {
  new k8s.KubeService(scope, `${component}-service`, {
    metadata: { name: component, namespace, labels: componentLabels(component) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(component),
      ports: [{ name: portName, port, targetPort: k8s.IntOrString.fromString(portName), protocol: 'TCP' }],
    },
  });
}
