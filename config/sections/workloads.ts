import { Type } from '@sinclair/typebox';
import { patternString, port, strictObject, stringEnum } from '../schema-helpers.js';
import { ReplicaBounds, Resources, StabilizationWindows } from './common.js';

export const ApiSection = strictObject({
  port: port('the port the API listens on inside the pod'),
  // Unset: the API's own default. kafkajs is the way back from @platformatic/kafka (docs/tradeoffs.md, "The Kafka client").
  kafkaClient: Type.Optional(
    stringEnum(
      ['platformatic', 'kafkajs'] as const,
      'the Kafka client the API produces with; unset: @platformatic/kafka',
    ),
  ),
  autoscaling: strictObject({
    ...ReplicaBounds,
    ...StabilizationWindows,
    targetCpuUtilization: Type.Integer({ minimum: 10, maximum: 95, description: 'HPA CPU target in percent' }),
  }),
  disruption: strictObject({
    maxUnavailable: Type.Integer({
      minimum: 1,
      description: 'pods a voluntary disruption (drain, upgrade) may take at once',
    }),
  }),
  // Callers authenticate with bearer tokens whose SHA-256 digests (one a line, under the `tokens` property) are kept in
  // this AWS Secrets Manager secret; only the secret's name is here (docs/tradeoffs.md: authentication).
  clientTokens: strictObject({
    remoteKey: patternString('^[A-Za-z0-9/_+=.@-]{1,512}$', 'the name of the secret in AWS Secrets Manager'),
  }),
  ingress: strictObject({
    host: patternString('^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$', 'a DNS host name'),
    scheme: stringEnum(['internal', 'internet-facing'] as const, 'whether the ALB gets public addresses'),
    // ARN of an ACM certificate; when empty the ALB listens on HTTP only (dev).
    certificateArn: Type.Optional(
      patternString('^arn:aws:acm:[a-z0-9-]+:[0-9]{12}:certificate/[a-f0-9-]+$', 'an ACM certificate ARN'),
    ),
  }),
  resources: Resources,
});

export const WorkerSection = strictObject({
  mode: stringEnum(['before', 'after'] as const, 'before = naive processing, after = exactly-once effects'),
  metricsPort: port('the port the worker serves /metrics and health on'),
  autoscaling: strictObject({
    ...ReplicaBounds,
    ...StabilizationWindows,
    lagThreshold: Type.Integer({ minimum: 1, description: 'consumer lag per replica that KEDA aims for' }),
    activationLagThreshold: Type.Integer({ minimum: 0, description: 'lag below which the worker is not scaled up' }),
    pollingIntervalSeconds: Type.Integer({ minimum: 5, maximum: 300, description: 'how often KEDA reads the lag' }),
  }),
  disruption: strictObject({
    maxUnavailable: Type.Integer({ minimum: 1, description: 'pods a voluntary disruption may take at once' }),
  }),
  terminationGracePeriodSeconds: Type.Integer({
    minimum: 5,
    maximum: 3600,
    description: 'must exceed the worst-case batch time so a scale-down never cuts a batch',
  }),
  resources: Resources,
});
