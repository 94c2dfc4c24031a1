/**
 * The names of the cluster add-ons an env.yaml may configure under `addons.<name>`. The catalog of what each one is
 * (chart, pinned version, values) lives in platform-addons/catalog.ts, which must define exactly these (its test checks);
 * the names live here so the config can be validated without knowing how add-ons are rendered.
 */
export const ADDON_NAMES = [
  'keda',
  'velero',
  'kube-prometheus-stack',
  'aws-load-balancer-controller',
  'metrics-server',
  'external-secrets',
  'reloader',
] as const;

export type AddonName = (typeof ADDON_NAMES)[number];
