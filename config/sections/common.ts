import { Type } from '@sinclair/typebox';
import { patternString, strictObject } from '../schema-helpers.js';

// Building blocks shared by several sections of env.yaml.

export const dnsLabel = patternString(
  '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
  'a DNS label: lowercase letters, digits and -',
);

const cpuQuantity = patternString('^([1-9][0-9]*m|[0-9]+(\\.[0-9]{1,3})?)$', 'a CPU quantity such as 250m or 1.5');
const memoryQuantity = patternString('^[1-9][0-9]*(Mi|Gi)$', 'a memory quantity in Mi or Gi such as 256Mi');

const ResourceAmounts = strictObject({ cpu: cpuQuantity, memory: memoryQuantity });
export const Resources = strictObject(
  { requests: ResourceAmounts, limits: ResourceAmounts },
  'container resources; requests are what the scheduler reserves, limits what the kubelet enforces',
);

export const Image = strictObject({
  repository: patternString('^[a-z0-9]+([._/-][a-z0-9]+)*$', 'an image repository name such as events-api'),
});

/**
 * The images workflow tags every image with the full git sha of the commit it was built from and never moves a tag,
 * so a rendered manifest means the same thing on every day. Anything else (a `0.1.0`, a `latest`) is refused.
 */
export const GitShaTag = patternString('^[0-9a-f]{40}$', 'the full 40-character git sha the images were built from');

export const ReplicaBounds = {
  minReplicas: Type.Integer({ minimum: 1, maximum: 100, description: 'replicas the autoscaler never goes below' }),
  maxReplicas: Type.Integer({ minimum: 1, maximum: 100, description: 'replicas the autoscaler never goes above' }),
};

export const StabilizationWindows = {
  scaleUpStabilizationSeconds: Type.Integer({
    minimum: 0,
    maximum: 3600,
    description: 'how long a higher recommendation must hold before scaling up',
  }),
  scaleDownStabilizationSeconds: Type.Integer({
    minimum: 0,
    maximum: 3600,
    description: 'how long a lower recommendation must hold before scaling down',
  }),
};

export const Cron = patternString('^(\\S+\\s+){4}\\S+$', 'a five-field cron expression such as "0 3 * * *"');

export const Labels = Type.Record(
  patternString('^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$', 'a label key'),
  patternString('^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$', 'a label value'),
);
