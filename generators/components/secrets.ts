import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { platformLabels } from '../render/labels.js';

export const SECRET_STORE = 'aws-secrets-manager';

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
        target: { name: credentials.name, creationPolicy: 'Owner' },
        data: [
          { secretKey: credentials.usernameKey, remoteRef: { key: credentials.remoteKey, property: 'username' } },
          { secretKey: credentials.passwordKey, remoteRef: { key: credentials.remoteKey, property: 'password' } },
        ],
      },
    },
  });
}
