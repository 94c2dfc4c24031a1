import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { externalSecret, fromRemote, secretStore } from '../render/external-secrets.js';

export const SECRETS_READER = 'secrets-reader';

/** The Secret holding the digests of the tokens API callers present (services/api/auth.ts), mounted as a file. */
export const API_CLIENT_TOKENS = 'api-client-tokens';
export const API_CLIENT_TOKENS_KEY = 'tokens';

/**
 * The platform's secrets, synced by external-secrets from AWS Secrets Manager: the database credentials the services
 * read (a rotated password reaches the Secret within the refresh interval, and Reloader then rolls the Deployments
 * that read it, workload.ts) and the API callers' token digests.
 */
export function renderSecrets(scope: Construct, config: EnvConfig): void {
  const credentials = config.postgres.credentialsSecret;
  secretStore(scope, config, config.namespace, SECRETS_READER);
  externalSecret(
    scope,
    config.namespace,
    credentials.name,
    fromRemote(credentials.remoteKey, { [credentials.usernameKey]: 'username', [credentials.passwordKey]: 'password' }),
  );
  externalSecret(
    scope,
    config.namespace,
    API_CLIENT_TOKENS,
    fromRemote(config.api.clientTokens.remoteKey, { [API_CLIENT_TOKENS_KEY]: 'tokens' }),
  );
}
