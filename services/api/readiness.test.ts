import { describe, expect, it } from 'vitest';
import { PollingReadiness } from './readiness.js';

const answersAfter = (ms: number, reason?: string) => () =>
  new Promise<string | undefined>((resolve) => setTimeout(() => resolve(reason), ms));

describe('PollingReadiness', () => {
  it('gives a probe its own limit: a slow answer within it is an answer, past the default it is not', async () => {
    const readiness = new PollingReadiness({ kafka: answersAfter(80), database: answersAfter(80) }, 1000, 40, {
      kafka: 200,
    });
    await readiness.check();
    expect(readiness.notReadyReason()).toBe('database: no answer within 40 ms');
  });

  it('is ready only once every probe answered without a reason', async () => {
    const readiness = new PollingReadiness({ kafka: answersAfter(1), database: answersAfter(1, 'read-only') });
    expect(readiness.notReadyReason()).toBe('kafka: not checked yet; database: not checked yet');
    await readiness.check();
    expect(readiness.notReadyReason()).toBe('database: read-only');
  });
});
