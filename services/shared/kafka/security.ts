import type { KafkaConfig } from 'kafkajs';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';

/**
 * How the services reach the brokers, from the environment: `KAFKA_AUTH=aws-msk-iam` (MSK: TLS, and a SASL/OAUTHBEARER
 * token signed with the pod's IAM role via IRSA, AWS's own signer), `KAFKA_AUTH=tls` (TLS only), or unset (the local
 * stack's plaintext listener). `AWS_REGION` names the region the token is signed for.
 */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const auth = env.KAFKA_AUTH ?? 'none';
  if (auth === 'none') return {};
  if (auth === 'tls') return { ssl: true };
  if (auth !== 'aws-msk-iam') throw new Error(`KAFKA_AUTH must be aws-msk-iam, tls or unset, got "${auth}"`);
  const region = env.AWS_REGION;
  if (!region) throw new Error('KAFKA_AUTH=aws-msk-iam needs AWS_REGION, the region the token is signed for');
  return {
    ssl: true,
    sasl: {
      mechanism: 'oauthbearer',
      // Called on every (re)authentication; tokens live 15 minutes and the broker asks again before they expire.
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),
    },
  };
}
