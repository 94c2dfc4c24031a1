import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../../config/paths.js';
import { formatMarkdown } from '../format-markdown.js';
import { formatText } from '../format-text.js';
import type { RenderedEnvironment } from '../render-side.js';
import { renderInProcess } from '../render-side.js';
import { worktreeFiles } from '../side-files.js';
import { readAssets } from '../../generators/render/outputs.js';
import type { LagAutoscaler } from './autoscalers.js';
import type { Capacities } from './capacity.js';
import { readCapacities } from './capacity.js';
import { behaviorOf } from './hpa-behavior.js';
import { STANDARD_PROFILES } from './load-profiles.js';
import { autoscalingPreviews } from './preview.js';
import { simulate } from './simulate.js';

const committed = renderInProcess('committed', worktreeFiles(repoRoot), readAssets(repoRoot), { stale: false });
// Capacities of the tests' own, low enough that the standard profiles need several replicas whatever the benchmark
// last measured (loadtests/capacity.json changes with every recorded run).
const capacities: Capacities = {
  source: 'test fixture',
  workloads: {
    api: { eventsPerSecondPerCore: 4000, readySeconds: 20 },
    worker: { eventsPerSecondPerReplica: 1500, readySeconds: 30 },
  },
};
const prod = committed.environments.get('prod')!;
const SCALED_OBJECT = 'environments/prod/manifests/events-prod/scaledobject.keda.sh_worker.yaml';

/** The committed prod render with one rendered object edited as data. */
function edited(file: string, change: (object: any) => void, partitions?: number): RenderedEnvironment {
  const files = new Map(prod.files);
  const object = parse(files.get(file)!);
  change(object);
  files.set(file, stringify(object));
  return {
    ...prod,
    files,
    topicPartitions: { ...prod.topicPartitions, ...(partitions ? { 'ledger-events': partitions } : {}) },
  };
}

const lagAutoscaler = (overrides: Partial<LagAutoscaler>): LagAutoscaler => ({
  kind: 'kafka-lag',
  workload: 'worker',
  source: 'ScaledObject/test/worker',
  hpa: { minReplicas: 1, maxReplicas: 50, behavior: behaviorOf(undefined) },
  minReplicaCount: 1,
  lagThreshold: 1000,
  activationLagThreshold: 100,
  partitions: 24,
  allowIdleConsumers: false,
  ...overrides,
});

describe('the autoscaling preview', () => {
  it('reads the committed capacities the diff simulates with', () => {
    expect(Object.keys(readCapacities(repoRoot)!.workloads).sort()).toStrictEqual(['api', 'worker']);
  });

  it('shows nothing when no autoscaler input changed', () => {
    const labelsOnly = edited(SCALED_OBJECT, (s) => (s.metadata.labels.team = 'ledger'));
    expect(autoscalingPreviews(prod, labelsOnly, capacities)).toStrictEqual([]);
  });

  it('previews a lagThreshold change: both sides under both standard profiles; a far higher threshold scales less', () => {
    const higher = edited(SCALED_OBJECT, (s) => (s.spec.triggers[0].metadata.lagThreshold = '100000'));
    const [preview] = autoscalingPreviews(prod, higher, capacities);
    expect(preview?.source).toBe('ScaledObject/events-prod/worker');
    expect(preview?.profiles.map((p) => p.profile)).toStrictEqual(STANDARD_PROFILES.map((p) => p.name));
    const ramp = preview!.profiles[0]!;
    expect(ramp.after!.peakReplicas).toBeLessThan(ramp.before!.peakReplicas);
    expect(ramp.after!.peakLag!).toBeGreaterThan(ramp.before!.peakLag!);
  });

  it('previews a partition change, which caps a consumer group', () => {
    const fewer = edited(SCALED_OBJECT, () => undefined, 4);
    const [preview] = autoscalingPreviews(prod, fewer, capacities);
    const spike = preview!.profiles[1]!;
    expect(spike.after!.peakReplicas).toBe(4);
    expect(spike.after!.cappedAt).toBe(4);
    expect(spike.before!.peakReplicas).toBeGreaterThan(4);
  });

  it('previews an HPA change of the API (CPU), and a resource change of its Deployment', () => {
    const hpa = 'environments/prod/manifests/events-prod/horizontalpodautoscaler.autoscaling_api.yaml';
    const [bounds] = autoscalingPreviews(
      prod,
      edited(hpa, (h) => (h.spec.maxReplicas = 4)),
      capacities,
    );
    expect(bounds?.signal).toBe('CPU utilization');
    expect(Math.max(...bounds!.profiles[0]!.after!.replicas)).toBe(4);
    const deployment = 'environments/prod/manifests/events-prod/deployment.apps_api.yaml';
    const bigger = edited(deployment, (d) => (d.spec.template.spec.containers[0].resources.requests.cpu = '1000m'));
    const [resources] = autoscalingPreviews(prod, bigger, capacities);
    // Four times the request per pod: fewer replicas for the same load.
    expect(resources!.profiles[0]!.after!.neededReplicas).toBeLessThan(resources!.profiles[0]!.before!.neededReplicas);
  });

  it('draws it: a text chart per side in the terminal, a Mermaid xychart in the pull-request comment', () => {
    const lower = edited(SCALED_OBJECT, (s) => (s.spec.triggers[0].metadata.lagThreshold = '500'));
    const report = {
      base: 'base',
      head: 'head',
      staleHead: [],
      environments: [
        {
          environment: 'prod',
          added: [],
          removed: [],
          changed: [
            {
              resource: 'ScaledObject/events-prod/worker (keda.sh)',
              file: SCALED_OBJECT,
              changes: [{ path: 'x', before: 1, after: 2, highlights: [] }],
            },
          ],
          connectivity: { added: [], removed: [] },
          autoscaling: autoscalingPreviews(prod, lower, capacities),
        },
      ],
    };
    const text = formatText(report);
    expect(text).toMatch(/^ {6}before \|[▁▂▃▄▅▆▇█ ]{41}\| peak \d+ replicas/m);
    expect(text).toMatch(/^ {6}after {2}\|[▁▂▃▄▅▆▇█ ]{41}\| peak \d+ replicas/m);
    const markdown = formatMarkdown(report);
    // At least one chart per standard profile, titled by the profile's short name.
    expect(new Set(markdown.match(/(?<=\n {2}title ")\w+/g))).toStrictEqual(new Set(['ramp', 'spike']));
    expect(markdown).toMatch(/ {2}line \[3, 3, /);
  });
});

describe('KEDA on consumer lag', () => {
  const spike = STANDARD_PROFILES[1]!;
  const capacity = { eventsPerSecondPerReplica: 1500, readySeconds: 30 };

  it('never asks for more consumers than partitions, unless idle consumers are allowed', () => {
    expect(simulate(lagAutoscaler({ partitions: 6 }), capacity, spike).peakReplicas).toBe(6);
    expect(
      simulate(lagAutoscaler({ partitions: 6, allowIdleConsumers: true }), capacity, spike).peakReplicas,
    ).toBeGreaterThan(6);
  });

  it('keeps a workload that may scale to zero at zero while the lag stays under activationLagThreshold', () => {
    const idle = { name: 'idle', description: 'nothing', durationSeconds: 120, rate: () => 0 };
    expect(simulate(lagAutoscaler({ minReplicaCount: 0 }), capacity, idle).peakReplicas).toBe(0);
    const trickle = {
      name: 'trickle',
      description: '50/s for 10 s',
      durationSeconds: 120,
      rate: (t: number) => (t < 10 ? 50 : 0),
    };
    expect(
      simulate(lagAutoscaler({ minReplicaCount: 0, activationLagThreshold: 1000 }), capacity, trickle).peakReplicas,
    ).toBe(0);
    expect(
      simulate(lagAutoscaler({ minReplicaCount: 0, activationLagThreshold: 100 }), capacity, trickle).peakReplicas,
    ).toBe(1);
  });
});
