import { describe, expect, it } from 'vitest';
import { kafkaSecurity, platformaticSecurity, readKafkaAuth } from './security.js';

const platformaticKafkaSecurity = (env: NodeJS.ProcessEnv) => platformaticSecurity(readKafkaAuth(env));

describe('kafkaSecurity', () => {
  it('is plaintext without KAFKA_AUTH (the local stack)', () => expect(kafkaSecurity({})).toStrictEqual({}));

  it('is TLS with an OAUTHBEARER token for MSK IAM', () => {
    const security = kafkaSecurity({ KAFKA_AUTH: 'aws-msk-iam', AWS_REGION: 'eu-west-1' });
    expect(security.ssl).toBe(true);
    expect(security.sasl?.mechanism).toBe('oauthbearer');
  });

  it('refuses MSK IAM without a region, and unknown modes', () => {
    expect(() => kafkaSecurity({ KAFKA_AUTH: 'aws-msk-iam' })).toThrow('KAFKA_AUTH=aws-msk-iam needs AWS_REGION');
    expect(() => kafkaSecurity({ KAFKA_AUTH: 'plain' })).toThrow('KAFKA_AUTH must be aws-msk-iam, tls or unset');
  });
});

describe('platformaticKafkaSecurity', () => {
  it('is plaintext without KAFKA_AUTH, TLS alone for KAFKA_AUTH=tls', () => {
    expect(platformaticKafkaSecurity({})).toStrictEqual({});
    expect(platformaticKafkaSecurity({ KAFKA_AUTH: 'tls' })).toStrictEqual({ tls: {} });
  });

  it('is TLS with an OAUTHBEARER token provider for MSK IAM, and refuses what kafkajs’s form refuses', () => {
    const security = platformaticKafkaSecurity({ KAFKA_AUTH: 'aws-msk-iam', AWS_REGION: 'eu-west-1' });
    expect(security.tls).toStrictEqual({});
    expect(security.sasl?.mechanism).toBe('OAUTHBEARER');
    expect(typeof security.sasl?.token).toBe('function');
    expect(() => platformaticKafkaSecurity({ KAFKA_AUTH: 'aws-msk-iam' })).toThrow('needs AWS_REGION');
  });
});
