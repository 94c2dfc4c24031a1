import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { IRSA_ANNOTATION, iamRoleArn } from '../../config/aws.js';
import { platformLabels } from '../render/labels.js';

export const SECRET_STORE = 'aws-secrets-manager';

export const SECRETS_READER = 'secrets-reader';

/**
 * What the ExternalSecret CRD defaults, written out: Argo CD compares the rendered object with the stored one, and a
 * default the server fills in would otherwise be a difference forever (seen in `npm run sync:check`).
 */
const REMOTE_REF_DEFAULTS = { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' };

/**
 * The database credentials, synced by external-secrets from AWS Secrets Manager into the Secret the services read.
 * The store authenticates as its own service account, whose IAM role (IRSA, `<iamRolePrefix>-secrets-reader`) may
 * read this environment's secrets only: no key is stored anywhere. A rotated password reaches the Secret within the
 * refresh interval, and Reloader then rolls the Deployments that read it (workload.ts).
 */
export function renderSecrets(scope: Construct, config: EnvConfig): void {
  const labels = platformLabels();
  const credentials = config.postgres.credentialsSecret;
  new k8s.KubeServiceAccount(scope, 'secrets-reader-service-account', {
    metadata: {
      name: SECRETS_READER,
      namespace: config.namespace,
      labels,
      annotations: { [IRSA_ANNOTATION]: iamRoleArn(config, SECRETS_READER) },
    },
    automountServiceAccountToken: false,
  });
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    name: SECRET_STORE,
    namespace: config.namespace,
    labels,
    body: {
      spec: {
        provider: {
          aws: {
            service: 'SecretsManager',
            region: config.aws.region,
            auth: { jwt: { serviceAccountRef: { name: SECRETS_READER } } },
          },
        },
      },
    },
  });
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    name: credentials.name,
    namespace: config.namespace,
    labels,
    body: {
      spec: {
        refreshInterval: '15m',
        secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
        target: { name: credentials.name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data: [
          [credentials.usernameKey, 'username'],
          [credentials.passwordKey, 'password'],
        ].map(([secretKey, property]) => ({
          secretKey,
          remoteRef: { key: credentials.remoteKey, property, ...REMOTE_REF_DEFAULTS },
        })),
      },
    },
  });
}
