import { rehearse } from './rehearse.js';
import { EnvironmentFixture } from './testing.js';
const NAMESPACE = 'events-dev';
function job(name: string, command: string[], annotations: Record<string, string> = {}) {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: NAMESPACE, annotations }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name, image: 'registry.k8s.io/busybox:1.36', command, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } }, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } }] } } } };
}
const fixture = new EnvironmentFixture('dev');
const hook = (wave: string) => ({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': wave });
if (process.argv[2] !== 'plain') {
fixture.writeManifest(`${NAMESPACE}/job.batch_first-hook.yaml`, job('first-hook', ['true'], hook('-2')));
fixture.writeManifest(`${NAMESPACE}/job.batch_second-hook.yaml`, job('second-hook', ['true'], hook('-1')));
fixture.writeManifest(`${NAMESPACE}/job.batch_smoke.yaml`, job('smoke', ['echo', 'one']));
}
fixture.commit('hooks');
const r = await rehearse({ repoRoot: fixture.root, env: 'dev', timeoutSeconds: 240, logsDir: '/tmp/syncdbg/logs', log: (l: string) => console.log(new Date().toISOString().slice(11, 23), l) });
console.log(JSON.stringify(r.sides.map((s) => s.failures)));
process.exit(0);
