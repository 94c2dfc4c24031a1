import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { serviceAccount } from '../render/identity.js';
import { jobPodTemplate } from '../render/job-pod.js';
import { componentLabels } from '../render/labels.js';

export const LOADTEST_SCRIPT_KEY = 'events.ts';

/**
 * A k6 Job per environment, created suspended: it runs only when someone unsuspends it (kubectl patch or Argo CD),
 * against the API's Service, with the SLO thresholds of env.yaml. The script is loadtests/k6/events.ts.
 */
export function renderLoadtest(scope: Construct, config: EnvConfig, script: string): void {
  const labels = componentLabels('loadtest');
  new k8s.KubeConfigMap(scope, 'loadtest-script', {
    metadata: { name: 'loadtest-script', namespace: config.namespace, labels },
    data: { [LOADTEST_SCRIPT_KEY]: script },
  });
  const sa = serviceAccount(scope, config, { component: 'loadtest', namespace: config.namespace });
  apiObject(scope, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: 'loadtest',
    namespace: config.namespace,
    labels,
    body: {
      spec: {
        suspend: true,
        backoffLimit: 0,
        activeDeadlineSeconds: config.loadtest.durationSeconds + 300,
        template: jobPodTemplate({
          component: 'loadtest',
          image: config.loadtest.image,
          args: ['run', `/scripts/${LOADTEST_SCRIPT_KEY}`],
          serviceAccountName: sa,
          needsApiToken: false,
          resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
          volumes: [{ name: 'script', configMap: 'loadtest-script', mountPath: '/scripts' }],
          env: {
            BASE_URL: `http://api.${config.namespace}.svc:${config.api.port}`,
            VUS: String(config.loadtest.virtualUsers),
            DURATION: `${config.loadtest.durationSeconds}s`,
            P95_MS: String(Math.round(config.observability.slo.apiLatencyP95Seconds * 1000)),
            ERROR_RATE: String(config.observability.slo.apiErrorRatio),
          },
        }),
      },
    },
  });
}
