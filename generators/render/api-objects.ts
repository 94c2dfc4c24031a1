import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

export interface ObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * A resource whose kind cdk8s has no construct for (CRDs of KEDA, Velero, Prometheus Operator, Argo CD), written as
 * plain data. The construct id is derived from the object's identity, so it never depends on call order.
 */
export function apiObject(scope: Construct, props: ObjectProps): ApiObject {
  const id = `${props.kind}-${props.namespace ?? 'cluster'}-${props.name}`;
  const { metadata: extraMetadata, ...body } = props.body as { metadata?: Record<string, unknown> };
  return new ApiObject(scope, id, {
    apiVersion: props.apiVersion,
    kind: props.kind,
    metadata: {
      ...extraMetadata,
      name: props.name,
      ...(props.namespace ? { namespace: props.namespace } : {}),
      ...(props.labels ? { labels: props.labels } : {}),
      ...(props.annotations ? { annotations: props.annotations } : {}),
    },
    ...body,
  });
}
