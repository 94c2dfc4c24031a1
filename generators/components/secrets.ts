import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { externalSecret, fromRemote, secretStore } from '../render/external-secrets.js';

export const SECRETS_READER = 'secrets-reader';

/** The Secret holding the digests of the tokens API callers present (services/api/auth.ts), mounted as a file. */
export const API_CLIENT_TOKENS = 'api-client-tokens';
export const API_CLIENT_TOKENS_KEY = 'tokens';

/**
 * The token the platform's own callers of the API (the chaos drill, the load test) present, from the same secret in
 * Secrets Manager as the digests (property `caller-token`; its SHA-256 must be one of `tokens`), mounted as a file.
 */
export const API_CALLER_TOKEN = 'api-caller-token';
export const API_CALLER_TOKEN_KEY = 'token';
export const API_CALLER_TOKEN_DIR = '/var/run/secrets/api-caller-token';
export const API_CALLER_TOKEN_FILE = `${API_CALLER_TOKEN_DIR}/${API_CALLER_TOKEN_KEY}`;

/** The caller token as a volume of a Job's pod (jobPodTemplate's secretVolumes). */
export const API_CALLER_TOKEN_VOLUME = {
  name: 'api-caller-token',
  secret: API_CALLER_TOKEN,
  mountPath: API_CALLER_TOKEN_DIR,
};

/**
 * The platform's secrets, synced by external-secrets from AWS Secrets Manager: the database credentials the services
 * read (a rotated password reaches the Secret within the refresh interval, and Reloader then rolls the Deployments
 * that read it, workload.ts), the API callers' token digests and the platform's own callers' token.
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
  externalSecret(
    scope,
    config.namespace,
    API_CALLER_TOKEN,
    fromRemote(config.api.clientTokens.remoteKey, { [API_CALLER_TOKEN_KEY]: 'caller-token' }),
  );
}
