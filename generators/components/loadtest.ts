import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { cronJob } from '../render/cron-job.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { jobPodTemplate } from '../render/job-pod.js';
import { API_CALLER_TOKEN_FILE, API_CALLER_TOKEN_VOLUME } from './secrets.js';

/** Never due on its own: the CronJob is suspended and each run is started by hand from it. */
const NEVER_BY_ITSELF = '0 0 1 1 *';

/**
 * The load test, where env.yaml asks for one: the loadgen image (loadtests/main.ts) runs one profile against the API's
 * Service, with the environment's SLOs as thresholds and synthetic accounts, and exits non-zero on a breach. It needs
 * no Kubernetes API and no AWS role; its only network edge is to the API.
 */
export function renderLoadtest(scope: Construct, config: EnvConfig): void {
  const loadtest = config.loadtest;
  if (loadtest === undefined) return;
  const sa = serviceAccount(scope, config, { component: 'loadtest', namespace: config.namespace });
  const { slo } = config.observability;
  const pod = jobPodTemplate({
    component: 'loadtest',
    image: imageRef(config, 'loadgen'),
    args: [
      '--profile',
      loadtest.profile,
      '--target',
      `http://api.${config.namespace}.svc:${config.api.port}`,
      // The Service is not loopback; this Job exists only where env.yaml allows synthetic traffic.
      '--allow-remote',
      // The API admits only callers with a token (services/api/auth.ts): the load test presents the platform's own.
      '--token-file',
      API_CALLER_TOKEN_FILE,
      '--rate',
      String(loadtest.rate),
      '--duration',
      String(loadtest.durationSeconds),
      '--accounts',
      String(loadtest.accounts),
      '--p95-ms',
      String(Math.round(slo.apiLatencyP95Seconds * 1000)),
      '--max-error-ratio',
      String(slo.apiErrorRatio),
      // The root filesystem is read-only; the report goes to the scratch volume, the summary to the log.
      '--output',
      '/tmp/load-report.json',
    ],
    serviceAccountName: sa,
    needsApiToken: false,
    secretVolumes: [API_CALLER_TOKEN_VOLUME],
    resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
    env: {},
  });
  cronJob(scope, config, {
    component: 'loadtest',
    schedule: NEVER_BY_ITSELF,
    suspend: true,
    pod,
    // The longest profile (spike: 10 s + the flood + 20 s; ramp and soak: the duration) and time to drain.
    deadlineSeconds: loadtest.durationSeconds + 600,
  });
}
