import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import type { Context } from './context.js';

/**
 * The secrets whose values people hold, not this program: API client token digests, the alert receivers'
 * credentials, Grafana's admin login. Created empty here so their names (which env.yaml and the rendered
 * ExternalSecrets use) exist; operators put the value in (docs/operations/first-deploy.md). Encrypted with the
 * database's key, which the secret readers may use through Secrets Manager only.
 */
export function operatorSecrets(context: Context, config: EnvConfig, key: aws.kms.Key): aws.secretsmanager.Secret[] {
  const secrets = {
    'api-client-tokens': [config.api.clientTokens.remoteKey, 'SHA-256 digests of the API callers bearer tokens'],
    'alertmanager-receivers': [config.observability.secrets.alertmanagerReceivers, 'PagerDuty and Slack credentials'],
    'grafana-admin': [config.observability.secrets.grafanaAdmin, "Grafana's admin login"],
  } as const;
  return Object.entries(secrets).map(
    ([id, [name, description]]) =>
      new aws.secretsmanager.Secret(
        id,
        { name, description, kmsKeyId: key.arn, recoveryWindowInDays: 30 },
        context.options,
      ),
  );
}
