// The contract between the render and the services: every environment is rendered, and every container's environment
// (its ConfigMaps and env entries) is read by that service's own settings reader in strict mode. A rendered key no
// reader reads, a setting the render must set and leaves out, or a local-only setting in a rendered environment fails
// here, naming the key, where it is rendered and the environment.
import { describe, expect, it } from 'vitest';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import type { KubeObject } from '../../generators/render/environment.js';
import { renderEnvironment } from '../../generators/render/environment.js';
import { nodeHeapOptions, youngGenerationOf } from '../../generators/render/node-heap.js';
import { memoryMebibytes } from '../../config/quantities.js';
import { readAssets } from '../../generators/render/outputs.js';
import { readApiSettings } from '../../services/api/settings.js';
import { readBootstrapSettings, readSchemaReadySettings } from '../../services/bootstrap/settings.js';
import { chaosSettings, restoreSettings } from '../../services/drills/cluster/settings.js';
import type { EnvReaderOptions } from '../../services/shared/runtime/env-reader.js';
import { EnvReader } from '../../services/shared/runtime/env-reader.js';
import { readWorkerSettings } from '../../services/worker/settings.js';
import { worstCaseStopMs } from '../../services/worker/shutdown-budget.js';
import type { ContainerEnv } from './container-env.js';
import { containerEnvironments } from './container-env.js';

type Reader = (env: NodeJS.ProcessEnv, options: EnvReaderOptions) => unknown;

/** The settings reader of each rendered container, by container name. */
const READERS: Record<string, Reader> = {
  api: readApiSettings,
  worker: readWorkerSettings,
  'schema-ready': readSchemaReadySettings,
  bootstrap: readBootstrapSettings,
  'chaos-drill': chaosSettings,
  'restore-drill': restoreSettings,
  // The load generator takes its parameters as arguments (loadtests/main.ts): it reads no setting at all.
  loadtest: (env, options) => new EnvReader(env, {}, options).done({}),
};

/** What is wrong with one container's rendered environment, one line per problem, each naming where it belongs. */
function findings(environment: string, container: ContainerEnv): string[] {
  const reader = READERS[container.container];
  const at = (place: string) => `${environment}: ${place} (read by ${container.where})`;
  if (reader === undefined) return [`${at(container.renderedFrom.join(', '))}: no settings reader for this container`];
  const problems = [...container.problems];
  try {
    reader(container.env, { strict: true });
  } catch (error) {
    problems.push(...(error as Error).message.split('\n  ').slice(1));
  }
  // A missing setting belongs where the container's settings are rendered: its ConfigMap, else its env entries.
  const home = container.renderedFrom[0] ?? 'nothing rendered';
  return problems.map((problem) => `${at(container.sources[problem.split(' ')[0] ?? ''] ?? home)}: ${problem}`);
}

function settingsFindings(environment: string, objects: readonly KubeObject[]): string[] {
  return containerEnvironments(objects).flatMap((container) => findings(environment, container));
}

const deployment = (objects: readonly KubeObject[], name: string) =>
  objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as any;
const containerEnv = (objects: readonly KubeObject[], name: string) =>
  containerEnvironments(objects).find((c) => c.container === name)!.env;

/**
 * The grace periods against the settings the pods run with: the API's covers its preStop wait, its drain and its
 * shutdown deadline; the worker's covers its shutdown deadline, which covers its worst-case batch step.
 */
function gracePeriodFindings(environment: string, objects: readonly KubeObject[]): string[] {
  const findings: string[] = [];
  const apiPod = deployment(objects, 'api').spec.template.spec;
  const api = readApiSettings(containerEnv(objects, 'api'), { strict: true });
  const preStopMs = Number(apiPod.containers[0].lifecycle.preStop.exec.command[1]) * 1000;
  const apiShutdownMs = preStopMs + api.shutdownDrainMs + api.shutdownTimeoutMs;
  if (apiPod.terminationGracePeriodSeconds * 1000 <= apiShutdownMs)
    findings.push(
      `${environment}: the API's terminationGracePeriodSeconds (${apiPod.terminationGracePeriodSeconds}) does not ` +
        `exceed preStop + API_SHUTDOWN_DRAIN_MS + API_SHUTDOWN_TIMEOUT_MS (${apiShutdownMs} ms)`,
    );
  const workerGrace = deployment(objects, 'worker').spec.template.spec.terminationGracePeriodSeconds as number;
  const worker = readWorkerSettings(containerEnv(objects, 'worker'), { strict: true });
  if (workerGrace * 1000 <= worker.shutdownTimeoutMs)
    findings.push(
      `${environment}: the worker's terminationGracePeriodSeconds (${workerGrace}) does not exceed ` +
        `WORKER_SHUTDOWN_TIMEOUT_MS (${worker.shutdownTimeoutMs} ms)`,
    );
  if (worker.shutdownTimeoutMs < worstCaseStopMs(worker))
    findings.push(
      `${environment}: the worker's WORKER_SHUTDOWN_TIMEOUT_MS (${worker.shutdownTimeoutMs} ms) is below its ` +
        `worst-case batch step (${worstCaseStopMs(worker)} ms): raise worker.terminationGracePeriodSeconds`,
    );
  return findings;
}

const assets = readAssets(repoRoot);
const rendered = (environment: string) => renderEnvironment(loadEnvironment(repoRoot, environment).config, assets);

describe.each(listEnvironments(repoRoot))('the settings rendered for %s', (environment) => {
  const { workloads } = rendered(environment);
  const containers = containerEnvironments(workloads);

  it('are read by every container’s own reader in strict mode without a finding', () => {
    expect(settingsFindings(environment, workloads)).toStrictEqual([]);
  });

  it('sees the containers of every service whose settings it renders', () => {
    expect([...new Set(containers.map((c) => c.container))]).toEqual(
      expect.arrayContaining(['api', 'worker', 'schema-ready', 'bootstrap', 'chaos-drill', 'restore-drill']),
    );
  });

  it('give the API and the worker grace periods that cover their shutdowns', () => {
    expect(gracePeriodFindings(environment, workloads)).toStrictEqual([]);
  });

  it("bound every container's Node heap to its share of its memory limit (NODE_OPTIONS)", () => {
    const unbounded = containers
      .filter(
        (c) =>
          c.memoryLimit === undefined ||
          c.nodeOptions !== nodeHeapOptions(memoryMebibytes(c.memoryLimit), youngGenerationOf(c.container)),
      )
      .map((c) => `${c.where}: NODE_OPTIONS '${c.nodeOptions ?? ''}' for a limit of ${c.memoryLimit ?? 'none'}`);
    expect(unbounded).toStrictEqual([]);
  });
});

describe('the rendered-settings check', () => {
  const environment = 'prod';
  const { workloads } = rendered(environment);
  const withConfigMapData = (name: string, edit: (data: Record<string, string>) => Record<string, string>) =>
    workloads.map((o) =>
      o.kind === 'ConfigMap' && o.metadata.name === name ? { ...o, data: edit(o.data as Record<string, string>) } : o,
    );

  it('fails on a misspelt key, naming it, its ConfigMap and the environment (the reader would run with its default)', () => {
    const misspelt = withConfigMapData('worker-settings', ({ EVENTS_TOPIC_RETENTION_HOURS, ...rest }) => ({
      ...rest,
      EVENTS_TOPIC_RETENTION_HOUR: EVENTS_TOPIC_RETENTION_HOURS!,
    }));
    expect(settingsFindings(environment, misspelt)).toStrictEqual([
      'prod: ConfigMap events-prod/worker-settings (read by Deployment events-prod/worker, container worker): ' +
        'EVENTS_TOPIC_RETENTION_HOUR is set but is no setting of this service (a misspelt key?)',
      'prod: ConfigMap events-prod/worker-settings (read by Deployment events-prod/worker, container worker): ' +
        'EVENTS_TOPIC_RETENTION_HOURS is required from the render (rendered: always) but is not set',
    ]);
  });

  it('fails on a required setting the render leaves out', () => {
    const without = withConfigMapData('api-settings', ({ API_SHUTDOWN_DRAIN_MS: _drain, ...rest }) => rest);
    expect(settingsFindings(environment, without)).toStrictEqual([
      'prod: ConfigMap events-prod/api-settings (read by Deployment events-prod/api, container api): ' +
        'API_SHUTDOWN_DRAIN_MS is required from the render (rendered: always) but is not set',
    ]);
  });

  it('fails on a local-only setting rendered into an environment', () => {
    const withFailpoint = withConfigMapData('worker-settings', (data) => ({
      ...data,
      FAILPOINT_CRASH_AFTER_APPLIED: '10',
    }));
    expect(settingsFindings(environment, withFailpoint)).toStrictEqual([
      'prod: ConfigMap events-prod/worker-settings (read by Deployment events-prod/worker, container worker): ' +
        'FAILPOINT_CRASH_AFTER_APPLIED must not be rendered: Fault injection for the crash tests: SIGKILL itself ' +
        'after this many applied events (0: never).',
    ]);
  });

  it('fails a worker grace period too short for its worst-case batch step, naming the env.yaml field', () => {
    const { config } = loadEnvironment(repoRoot, environment);
    const short = { ...config, worker: { ...config.worker, terminationGracePeriodSeconds: 30 } };
    expect(gracePeriodFindings(environment, renderEnvironment(short, assets).workloads)).toStrictEqual([
      "prod: the worker's WORKER_SHUTDOWN_TIMEOUT_MS (25000 ms) is below its worst-case batch step (50000 ms): " +
        'raise worker.terminationGracePeriodSeconds',
    ]);
  });
});
