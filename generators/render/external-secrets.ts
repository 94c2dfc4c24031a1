import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { IRSA_ANNOTATION, iamRoleArn } from '../../config/aws.js';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from './api-objects.js';
import { platformLabels } from './labels.js';

export const SECRET_STORE = 'aws-secrets-manager';

/**
 * A SecretStore for AWS Secrets Manager in `namespace`, authenticating as its own service account `reader`, whose IAM
 * role (IRSA, `<iamRolePrefix>-<reader>`, created by infra/) may read only the secrets that namespace needs. No key
 * is stored anywhere.
 */
export function secretStore(scope: Construct, config: EnvConfig, namespace: string, reader: string): void {
  new k8s.KubeServiceAccount(scope, `${namespace}-${reader}-service-account`, {
    metadata: {
      name: reader,
      namespace,
      labels: platformLabels(),
      annotations: { [IRSA_ANNOTATION]: iamRoleArn(config, reader) },
    },
    automountServiceAccountToken: false,
  });
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    name: SECRET_STORE,
    namespace,
    labels: platformLabels(),
    body: {
      spec: {
        provider: {
          aws: {
            service: 'SecretsManager',
            region: config.aws.region,
            auth: { jwt: { serviceAccountRef: { name: reader } } },
          },
        },
      },
    },
  });
}

/**
 * What the ExternalSecret CRD defaults, written out: Argo CD compares the rendered object with the stored one, and a
 * default the server fills in would otherwise be a difference forever (seen in `npm run sync:check`).
 */
const REMOTE_REF_DEFAULTS = { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' };

/** One key of the Kubernetes Secret, copied from one JSON property of the Secrets Manager secret `remoteKey`. */
export function fromRemote(remoteKey: string, keys: Record<string, string>) {
  return Object.entries(keys).map(([secretKey, property]) => ({
    secretKey,
    remoteRef: { key: remoteKey, property, ...REMOTE_REF_DEFAULTS },
  }));
}

/** A Secret kept in step with AWS Secrets Manager (a rotated value arrives within the refresh interval). */
export function externalSecret(
  scope: Construct,
  namespace: string,
  name: string,
  data: ReturnType<typeof fromRemote>,
): void {
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    name,
    namespace,
    labels: platformLabels(),
    body: {
      spec: {
        refreshInterval: '15m',
        secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
        target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data,
      },
    },
  });
}
