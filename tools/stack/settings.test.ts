import { describe, expect, it } from 'vitest';
import { connectionSettings, pinnedVersion, stackSettings } from './settings.js';

const VERSIONS = 'KAFKA_VERSION=3.9.1\nPOSTGRES_MAJOR=15\n';

describe('stackSettings', () => {
  it('uses ports away from the system defaults unless told otherwise', () => {
    const settings = stackSettings(VERSIONS, {});
    expect(connectionSettings(settings)).toStrictEqual({
      kafkaBrokers: ['127.0.0.1:19092'],
      databaseUrl: 'postgres://platform:platform-local@127.0.0.1:15432/platform',
    });
  });

  it('takes ports from the environment', () => {
    const settings = stackSettings(VERSIONS, { STACK_KAFKA_PORT: '29092', STACK_POSTGRES_PORT: '25432' });
    expect(settings.kafkaPort).toBe(29092);
    expect(settings.postgresPort).toBe(25432);
  });

  it('lists three brokers on consecutive ports when asked for three, or when the running stack was started with three', () => {
    const brokers = ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'];
    expect(connectionSettings(stackSettings(VERSIONS, { STACK_KAFKA_BROKERS: '3' })).kafkaBrokers).toStrictEqual(
      brokers,
    );
    expect(connectionSettings(stackSettings(VERSIONS, {}, 3)).kafkaBrokers).toStrictEqual(brokers);
    expect(stackSettings(VERSIONS, { STACK_KAFKA_BROKERS: '1' }, 3).kafkaBrokers).toBe(1);
  });

  it('rejects a broker count other than 1 or 3, naming the variable', () => {
    expect(() => stackSettings(VERSIONS, { STACK_KAFKA_BROKERS: '2' })).toThrow(
      "STACK_KAFKA_BROKERS must be 1 or 3, got '2'",
    );
  });

  it('rejects a port that is not a usable number, naming the variable', () => {
    expect(() => stackSettings(VERSIONS, { STACK_POSTGRES_PORT: '5432x' })).toThrow(
      "STACK_POSTGRES_PORT must be an integer port between 1024 and 65535, got '5432x'",
    );
  });
});

describe('pinnedVersion', () => {
  it('reads a version from tools/versions.env and refuses an unpinned tool', () => {
    expect(pinnedVersion(VERSIONS, 'KAFKA_VERSION')).toBe('3.9.1');
    expect(() => pinnedVersion(VERSIONS, 'K6_VERSION')).toThrow('tools/versions.env does not pin K6_VERSION');
  });
});
