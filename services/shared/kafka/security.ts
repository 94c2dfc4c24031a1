import type { ConnectionOptions as PlatformaticConnectionOptions } from '@platformatic/kafka';
import type { KafkaConfig } from 'kafkajs';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';

/** How the services reach the brokers: MSK with IAM (TLS and a signed token), TLS only, or the local plaintext listener. */
export type KafkaAuth =
  { readonly mode: 'none' } | { readonly mode: 'tls' } | { readonly mode: 'aws-msk-iam'; readonly region: string };

/**
 * From the environment: `KAFKA_AUTH=aws-msk-iam` (MSK: TLS, and a SASL/OAUTHBEARER token signed with the pod's IAM
 * role via IRSA, AWS's own signer), `KAFKA_AUTH=tls` (TLS only), or unset (the local stack's plaintext listener).
 * `AWS_REGION` names the region the token is signed for.
 */
export function readKafkaAuth(env: NodeJS.ProcessEnv = process.env): KafkaAuth {
  const auth = env.KAFKA_AUTH ?? 'none';
  if (auth === 'none') return { mode: 'none' };
  if (auth === 'tls') return { mode: 'tls' };
  if (auth !== 'aws-msk-iam') throw new Error(`KAFKA_AUTH must be aws-msk-iam, tls or unset, got "${auth}"`);
  const region = env.AWS_REGION;
  if (!region) throw new Error('KAFKA_AUTH=aws-msk-iam needs AWS_REGION, the region the token is signed for');
  return { mode: 'aws-msk-iam', region };
}

/** A fresh MSK IAM token; tokens live 15 minutes and the broker asks for a new one before they expire. */
function mskIamToken(region: string): () => Promise<string> {
  return async () => (await generateAuthToken({ region })).token;
}

/** kafkajs's form: called on every (re)authentication. */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const auth = readKafkaAuth(env);
  if (auth.mode === 'none') return {};
  if (auth.mode === 'tls') return { ssl: true };
  const token = mskIamToken(auth.region);
  return { ssl: true, sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) } };
}

/**
 * @platformatic/kafka's form: the token provider is called on each authentication, and the connection authenticates
 * again at 80 % of the session lifetime the broker returns (KIP-368), which MSK's 15-minute tokens need.
 */
export function platformaticKafkaSecurity(
  env: NodeJS.ProcessEnv = process.env,
): Pick<PlatformaticConnectionOptions, 'tls' | 'sasl'> {
  const auth = readKafkaAuth(env);
  if (auth.mode === 'none') return {};
  if (auth.mode === 'tls') return { tls: {} };
  return { tls: {}, sasl: { mechanism: 'OAUTHBEARER', token: mskIamToken(auth.region) } };
}
