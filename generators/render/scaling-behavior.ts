export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

/**
 * An autoscaling/v2 `behavior`: how long a recommendation must hold before the replica count follows it, and how fast
 * it may move. Used by the API's HPA and by the HPA that KEDA creates for the worker.
 */
export function scalingBehavior(
  windows: { readonly scaleUpStabilizationSeconds: number; readonly scaleDownStabilizationSeconds: number },
  up: ScalingPolicy,
  down: ScalingPolicy,
) {
  return {
    scaleUp: { stabilizationWindowSeconds: windows.scaleUpStabilizationSeconds, policies: [up] },
    scaleDown: { stabilizationWindowSeconds: windows.scaleDownStabilizationSeconds, policies: [down] },
  };
}
