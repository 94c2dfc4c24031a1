import { describe, expect, it } from 'vitest';
import { autoscaledReplicas } from './autoscaled-replicas.js';
import { devContext, objectNamed } from './testing.js';

describe('autoscaled-no-fixed-replicas', () => {
  it('passes the committed render', () => expect(autoscaledReplicas.check(devContext())).toStrictEqual([]));

  it('flags fixed replicas under an autoscaler', () => {
    const ctx = devContext();
    objectNamed(ctx, 'Deployment', 'worker').spec.replicas = 2;
    expect(autoscaledReplicas.check(ctx).map((f) => f.message)).toStrictEqual([
      'sets replicas: 2 but ScaledObject/worker owns the replica count',
    ]);
  });

  it('flags a Deployment targeted by both an HPA and KEDA', () => {
    const ctx = devContext();
    objectNamed(ctx, 'ScaledObject', 'worker').spec.scaleTargetRef.name = 'api';
    expect(autoscaledReplicas.check(ctx).map((f) => f.message)).toStrictEqual([
      'is targeted by HorizontalPodAutoscaler/api and ScaledObject/worker; they would fight over replicas',
    ]);
  });
});
