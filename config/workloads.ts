/**
 * The workloads of an environment's namespace, by name. The traffic matrix names them directly; everything else it
 * names must be a peer declared in env.yaml.
 */
export const WORKLOADS = ['api', 'worker', 'chaos-drill', 'restore-drill', 'bootstrap'] as const;

export type Workload = (typeof WORKLOADS)[number];

export function isWorkload(name: string): name is Workload {
  return (WORKLOADS as readonly string[]).includes(name);
}
