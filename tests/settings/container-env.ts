import type { KubeObject } from '../../generators/render/environment.js';

/** The value a container sees for a variable read from a Secret: the render holds a reference only. */
export const FROM_SECRET = '<from a Secret>';

/** One container of a rendered workload, with the environment it runs with and where each variable comes from. */
export interface ContainerEnv {
  /** `CronJob events-prod/chaos-drill, container chaos-drill` */
  readonly where: string;
  readonly container: string;
  readonly env: Record<string, string>;
  /** Variable → `ConfigMap <namespace>/<name>` or `the container's env`. */
  readonly sources: Record<string, string>;
  /** The ConfigMaps it reads whole (envFrom), and its own env entries: where a missing variable belongs. */
  readonly renderedFrom: string[];
  readonly problems: string[];
  /** NODE_OPTIONS: read by Node itself before the service starts, so no service's setting (generators/render/node-heap.ts). */
  readonly nodeOptions: string | undefined;
  /** The container's memory limit as rendered (`256Mi`). */
  readonly memoryLimit: string | undefined;
}

const NODE_RUNTIME_VARIABLE = 'NODE_OPTIONS';

type Pod = { initContainers?: Container[]; containers?: Container[] };
type Container = {
  name: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { limits?: { memory?: string } };
};

type PodTemplate = { template?: { spec?: Pod } };

function podSpec(object: KubeObject): Pod | undefined {
  if (object.kind === 'Deployment' || object.kind === 'Job') return (object.spec as PodTemplate).template?.spec;
  if (object.kind === 'CronJob')
    return (object.spec as { jobTemplate?: { spec?: PodTemplate } }).jobTemplate?.spec?.template?.spec;
  return undefined;
}

/** Every container the render runs (Deployments, Jobs, CronJobs; init containers too), with its environment. */
export function containerEnvironments(objects: readonly KubeObject[]): ContainerEnv[] {
  const configMaps = new Map(
    objects
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, (o.data ?? {}) as Record<string, string>]),
  );
  return objects.flatMap((object) => {
    const pod = podSpec(object);
    if (pod === undefined) return [];
    const workload = `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
    return [...(pod.initContainers ?? []), ...(pod.containers ?? [])].map((container) => {
      const where = `${workload}, container ${container.name}`;
      const env: Record<string, string> = {};
      const sources: Record<string, string> = {};
      const renderedFrom: string[] = [];
      const problems: string[] = [];
      for (const from of container.envFrom ?? []) {
        if (from.secretRef) problems.push(`reads Secret ${from.secretRef.name} whole: its keys are unchecked`);
        if (!from.configMapRef) continue;
        const id = `${object.metadata.namespace}/${from.configMapRef.name}`;
        const data = configMaps.get(id);
        renderedFrom.push(`ConfigMap ${id}`);
        if (data === undefined) problems.push(`reads ConfigMap ${id}, which the render does not hold`);
        for (const [name, value] of Object.entries(data ?? {})) {
          env[name] = value;
          sources[name] = `ConfigMap ${id}`;
        }
      }
      if ((container.env ?? []).length > 0) renderedFrom.push("the container's env");
      let nodeOptions: string | undefined;
      for (const entry of container.env ?? []) {
        if (entry.name === NODE_RUNTIME_VARIABLE) {
          nodeOptions = entry.value;
          continue;
        }
        env[entry.name] = entry.valueFrom === undefined ? (entry.value ?? '') : FROM_SECRET;
        sources[entry.name] = "the container's env";
      }
      const memoryLimit = container.resources?.limits?.memory;
      return { where, container: container.name, env, sources, renderedFrom, problems, nodeOptions, memoryLimit };
    });
  });
}
