import type { ConnectionOptions as PlatformaticConnectionOptions } from '@platformatic/kafka';
import type { KafkaConfig } from 'kafkajs';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';

/**
 * How a client reaches the brokers: TLS or not, and SASL/OAUTHBEARER with a token made fresh for each (re)authentication
 * (MSK IAM), or no SASL.
 */
export interface KafkaAuth {
  readonly tls: boolean;
  readonly oauthBearerToken?: () => Promise<string>;
}

/** A fresh MSK IAM token; tokens live 15 minutes and the broker asks for a new one before they expire. */
function mskIamToken(region: string): () => Promise<string> {
  return async () => (await generateAuthToken({ region })).token;
}

/**
 * From the environment: `KAFKA_AUTH=aws-msk-iam` (MSK: TLS, and a SASL/OAUTHBEARER token signed with the pod's IAM
 * role via IRSA, AWS's own signer), `KAFKA_AUTH=tls` (TLS only), or unset (the local stack's plaintext listener).
 * `AWS_REGION` names the region the token is signed for.
 */
export function readKafkaAuth(env: NodeJS.ProcessEnv = process.env): KafkaAuth {
  const auth = env.KAFKA_AUTH ?? 'none';
  if (auth === 'none') return { tls: false };
  if (auth === 'tls') return { tls: true };
  if (auth !== 'aws-msk-iam') throw new Error(`KAFKA_AUTH must be aws-msk-iam, tls or unset, got "${auth}"`);
  const region = env.AWS_REGION;
  if (!region) throw new Error('KAFKA_AUTH=aws-msk-iam needs AWS_REGION, the region the token is signed for');
  return { tls: true, oauthBearerToken: mskIamToken(region) };
}

/** kafkajs's form: the provider is called on every (re)authentication. */
export function kafkajsSecurity(auth: KafkaAuth): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const token = auth.oauthBearerToken;
  return {
    ...(auth.tls ? { ssl: true } : {}),
    ...(token
      ? { sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) } }
      : {}),
  };
}

/** kafkajs's form, from the environment (every kafkajs client the services make: client.ts). */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return kafkajsSecurity(readKafkaAuth(env));
}

/**
 * @platformatic/kafka's form: the token provider is called on each authentication, and the connection authenticates
 * again at 80 % of the session lifetime the broker returns (KIP-368), which MSK's 15-minute tokens need.
 */
export function platformaticSecurity(auth: KafkaAuth): Pick<PlatformaticConnectionOptions, 'tls' | 'sasl'> {
  const token = auth.oauthBearerToken;
  return {
    ...(auth.tls ? { tls: {} } : {}),
    ...(token ? { sasl: { mechanism: 'OAUTHBEARER', token } } : {}),
  };
}
