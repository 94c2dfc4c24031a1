import { createRequire } from 'node:module';
import { compatibilityPartitioner, murmur2 as platformaticMurmur2 } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { VARIED_KEYS as keys } from './testing.js';
import { keyHash, murmur2 } from './murmur2.js';

const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;

describe('murmur2', () => {
  it('gives the hash kafkajs computes for every key', () => {
    for (const key of keys) expect(murmur2(Buffer.from(key)), key).toBe(kafkajsMurmur2(key));
  });

  it('gives the hash @platformatic/kafka computes for every key', () => {
    for (const key of keys) expect(murmur2(Buffer.from(key)), key).toBe(platformaticMurmur2(Buffer.from(key)));
  });

  it('matches the Java client on its published vector', () => {
    // Kafka's UtilsTest.testMurmur2: "21" hashes to -973932308.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
  });
});

describe('keyHash', () => {
  it("is @platformatic/kafka's compatibilityPartitioner: where the Java client puts a key, before the modulo", () => {
    for (const key of keys) {
      const bytes = Buffer.from(key);
      expect(keyHash(bytes), key).toBe(compatibilityPartitioner({ topic: 't', key: bytes }, bytes));
    }
  });
});
