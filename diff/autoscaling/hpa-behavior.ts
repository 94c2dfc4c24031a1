// The HorizontalPodAutoscaler's scaling behavior (autoscaling/v2 `spec.behavior`), with the defaults Kubernetes
// applies to fields left out (kubernetes.io, "Horizontal Pod Autoscaling", Default behavior).

export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface ScalingRules {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: 'Max' | 'Min' | 'Disabled';
  readonly policies: readonly ScalingPolicy[];
  /** The ratio around 1.0 within which no scaling happens (the cluster default unless set per direction). */
  readonly tolerance: number;
}

export interface Behavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

/** kube-controller-manager's `--horizontal-pod-autoscaler-tolerance` default. */
export const DEFAULT_TOLERANCE = 0.1;

/** kube-controller-manager's `--horizontal-pod-autoscaler-sync-period` default: how often the controller decides. */
export const SYNC_PERIOD_SECONDS = 15;

const DEFAULT_SCALE_UP: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ],
  tolerance: DEFAULT_TOLERANCE,
};

const DEFAULT_SCALE_DOWN: ScalingRules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  tolerance: DEFAULT_TOLERANCE,
};

interface RulesField {
  stabilizationWindowSeconds?: number;
  selectPolicy?: ScalingRules['selectPolicy'];
  policies?: ScalingPolicy[];
  tolerance?: number | string;
}

function rulesOf(field: RulesField | undefined, defaults: ScalingRules): ScalingRules {
  return {
    stabilizationWindowSeconds: field?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: field?.selectPolicy ?? defaults.selectPolicy,
    policies: field?.policies?.length ? field.policies : defaults.policies,
    tolerance: field?.tolerance === undefined ? defaults.tolerance : Number(field.tolerance),
  };
}

/** The behavior of an HPA spec's `behavior` field (undefined when absent), defaults filled in. */
export function behaviorOf(field: { scaleUp?: RulesField; scaleDown?: RulesField } | undefined): Behavior {
  return {
    scaleUp: rulesOf(field?.scaleUp, DEFAULT_SCALE_UP),
    scaleDown: rulesOf(field?.scaleDown, DEFAULT_SCALE_DOWN),
  };
}
