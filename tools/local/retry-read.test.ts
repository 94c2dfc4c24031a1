import { describe, expect, it } from 'vitest';
import { retryRead } from './retry-read.js';

describe('retryRead', () => {
  it('answers once a read that failed right after a fault succeeds', async () => {
    let calls = 0;
    const read = async () => {
      calls += 1;
      if (calls < 3) throw new TypeError("Cannot destructure property 'partitions'");
      return 7;
    };
    await expect(retryRead(read, 5, 1)).resolves.toBe(7);
    expect(calls).toBe(3);
  });

  it('throws the last error when the read never succeeds', async () => {
    await expect(retryRead(() => Promise.reject(new Error('still down')), 3, 1)).rejects.toThrow('still down');
  });
});
