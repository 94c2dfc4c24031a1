// Each case rehearses dev on its own loopback cluster with one defect added to its committed output, and expects the
// failure in the API server's or Argo CD's own words. About a minute each on two cores.
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvResult } from './rehearse.js';
import { rehearse } from './rehearse.js';
import { EnvironmentFixture } from './testing.js';

const ENV = 'dev';
const NAMESPACE = 'events-dev';
let fixture: EnvironmentFixture | undefined;

afterEach(() => fixture?.dispose());

function run(base?: string): Promise<EnvResult> {
  return rehearse({
    repoRoot: fixture!.root,
    env: ENV,
    base,
    timeoutSeconds: 240,
    logsDir: `${fixture!.root}/logs`,
    log: () => undefined,
  });
}

function failures(result: EnvResult): string {
  return result.sides.flatMap((s) => s.failures).join('\n');
}

/** A plain Job as the generators render workloads: restricted security context, requests and limits. */
function job(name: string, command: string[], annotations: Record<string, string> = {}): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: NAMESPACE, annotations },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name,
              image: 'registry.k8s.io/busybox:1.36',
              command,
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
            },
          ],
        },
      },
    },
  };
}

describe('npm run sync:check on a real API server and Argo CD', () => {
  it("runs hooks in wave order on the base, then refuses a changed pod template of a plain Job with the server's message", async () => {
    fixture = new EnvironmentFixture(ENV);
    const hook = (wave: string) => ({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': wave });
    fixture.writeManifest(`${NAMESPACE}/job.batch_first-hook.yaml`, job('first-hook', ['true'], hook('-2')));
    fixture.writeManifest(`${NAMESPACE}/job.batch_second-hook.yaml`, job('second-hook', ['true'], hook('-1')));
    fixture.writeManifest(`${NAMESPACE}/job.batch_smoke.yaml`, job('smoke', ['echo', 'one']));
    const base = fixture.commit('hooks and a plain Job');
    fixture.editManifest(`${NAMESPACE}/job.batch_smoke.yaml`, (o: any) => {
      o.spec.template.spec.containers[0].command = ['echo', 'two'];
    });

    const result = await run(base);

    const [baseSide, headSide] = result.sides;
    expect(baseSide?.passed, baseSide?.failures.join('\n')).toBe(true);
    const hooks = baseSide?.hooks.filter((h) => h.object.endsWith('-hook'));
    expect(hooks?.map((h) => [h.object, h.wave, h.phase])).toStrictEqual([
      [`Job/${NAMESPACE}/first-hook`, -2, 'Succeeded'],
      [`Job/${NAMESPACE}/second-hook`, -1, 'Succeeded'],
    ]);
    // Argo CD ran the later wave after the earlier one finished, by the API server's clock.
    expect(Date.parse(hooks![1]!.createdAt!)).toBeGreaterThanOrEqual(Date.parse(hooks![0]!.finishedAt!));
    expect(headSide?.passed).toBe(false);
    expect(failures(result)).toMatch(/Job.batch "smoke" is invalid: spec\.template: .*field is immutable/);
  });

  it("refuses a cluster-scoped kind the AppProject does not permit, in Argo CD's words", async () => {
    fixture = new EnvironmentFixture(ENV);
    fixture.writeManifest('_cluster/priorityclass.scheduling.k8s.io_batch.yaml', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'batch' },
      value: 1000,
    });

    const result = await run();

    expect(result.passed).toBe(false);
    expect(failures(result)).toContain(
      'resource scheduling.k8s.io:PriorityClass is not permitted in project events-dev',
    );
  });

  it("refuses a privileged container with PodSecurity's message", async () => {
    fixture = new EnvironmentFixture(ENV);
    fixture.editManifest(`${NAMESPACE}/deployment.apps_api.yaml`, (o: any) => {
      o.spec.template.spec.containers[0].securityContext = { privileged: true };
    });

    const result = await run();

    expect(result.passed).toBe(false);
    expect(failures(result)).toMatch(
      /PodSecurity "restricted:latest": .*privileged \(container "api" must not set securityContext\.privileged=true\)/,
    );
  });

  it('fails an Application that never stays Synced: the root that rendered directory.recurse: false', async () => {
    fixture = new EnvironmentFixture(ENV);
    fixture.editArgoCd(`application.argoproj.io_${ENV}-root.yaml`, (o: any) => {
      o.spec.source.directory = { recurse: false };
    });

    const result = await run();

    expect(result.passed).toBe(false);
    expect(failures(result)).toMatch(
      /dev-root: (synced \d+ times at the same revision|Application\/dev-root re-applied \d+ times at the same revision|did not stay Synced and Healthy)/,
    );
  });

  it('refuses a custom resource field that its CRD does not declare', async () => {
    fixture = new EnvironmentFixture(ENV);
    fixture.editManifest(`${NAMESPACE}/scaledobject.keda.sh_worker.yaml`, (o: any) => {
      o.spec.maxReplicas = 10;
    });

    const result = await run();

    expect(result.passed).toBe(false);
    expect(failures(result)).toMatch(
      /ScaledObject.*worker.*(unknown field "spec\.maxReplicas"|field not declared in schema)/,
    );
  });
});
