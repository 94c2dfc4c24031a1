import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { platformLabels } from '../render/labels.js';

export const SECRET_STORE = 'aws-secrets-manager';

/**
 * What the ExternalSecret CRD defaults, written out: Argo CD compares the rendered object with the stored one, and a
 * default the server fills in would otherwise be a difference forever (seen in `npm run sync:check`).
 */
const REMOTE_REF_DEFAULTS = { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' };

/**
 * The database credentials, synced by external-secrets from AWS Secrets Manager into the Secret the worker reads.
 * The store authenticates with the external-secrets controller's IAM role (IRSA): no key is stored anywhere.
 */
export function renderSecrets(scope: Construct, config: EnvConfig): void {
  const labels = platformLabels();
  const credentials = config.postgres.credentialsSecret;
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    name: SECRET_STORE,
    namespace: config.namespace,
    labels,
    body: { spec: { provider: { aws: { service: 'SecretsManager', region: config.aws.region } } } },
  });
  apiObject(scope, {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    name: credentials.name,
    namespace: config.namespace,
    labels,
    body: {
      spec: {
        refreshInterval: '1h',
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
