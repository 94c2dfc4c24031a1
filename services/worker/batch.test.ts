import { describe, expect, it } from 'vitest';
import { consumedFrom } from './batch.js';

describe('consumedFrom', () => {
  it("gives each message of a chunk its batch's topic and partition, keeping its offset, key and bytes", () => {
    const key = Buffer.from('acc-1');
    const value = Buffer.from('{}');
    const consumed = consumedFrom({ topic: 'events.v1', partition: 3 }, [
      { offset: '41', key, value },
      { offset: '42', key: null, value: null },
    ]);
    expect(consumed).toStrictEqual([
      { topic: 'events.v1', partition: 3, offset: '41', key, value },
      { topic: 'events.v1', partition: 3, offset: '42', key: null, value: null },
    ]);
    expect(consumed[0]!.value).toBe(value);
  });
});
