import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { Component } from './labels.js';
import { componentLabels } from './labels.js';

/** The annotation on a pod template that changes when its ConfigMap does, so new settings roll the pods. */
export const CONFIG_CHECKSUM_ANNOTATION = 'platform.example.com/config-checksum';

/** A component's settings as a ConfigMap; returns its name and a checksum of its data for the pod template. */
export function settingsConfigMap(
  scope: Construct,
  component: Component,
  namespace: string,
  data: Record<string, string>,
): { name: string; checksum: string } {
  const name = `${component}-settings`;
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)));
  new k8s.KubeConfigMap(scope, `${component}-configmap`, {
    metadata: { name, namespace, labels: componentLabels(component) },
    data: sorted,
  });
  return { name, checksum: createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16) };
}
