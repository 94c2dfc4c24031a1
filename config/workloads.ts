/**
 * The workloads of an environment's namespace, by name. The traffic matrix names them directly; everything else it
 * names must be a peer declared in env.yaml.
 */
export const WORKLOADS = ['api', 'worker', 'chaos-drill', 'restore-drill', 'bootstrap', 'loadtest'] as const;

export type Workload = (typeof WORKLOADS)[number];

export function isWorkload(name: string): name is Workload {
  return (WORKLOADS as readonly string[]).includes(name);
}

/** The workloads an environment renders: the load test only where env.yaml has a `loadtest` section. */
export function renderedWorkloads(config: { readonly loadtest?: unknown }): Workload[] {
  return WORKLOADS.filter((w) => w !== 'loadtest' || config.loadtest !== undefined);
}
