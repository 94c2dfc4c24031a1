import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRoundTrip, echoRoundTripDuring, startEchoServer } from './round-trip-probe.js';

describe('the echo that measures the round trip a delay gives', () => {
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(() => echo.close());

  it('takes the stated number of round trips back to back', async () => {
    const measured = await echoRoundTrip(echo.port, 20);
    expect(measured.samples).toBe(20);
    expect(measured.p50Ms).toBeGreaterThan(0);
    expect(measured.p90Ms).toBeGreaterThanOrEqual(measured.p50Ms);
  });

  it('samples while the work runs, stops with it, and hands back what the work returned', async () => {
    const { result, echo: during } = await echoRoundTripDuring(
      echo.port,
      20,
      () => new Promise<string>((resolve) => setTimeout(() => resolve('measured'), 300)),
    );
    expect(result).toBe('measured');
    expect(during.samples).toBeGreaterThanOrEqual(3);
    expect(during.samples).toBeLessThanOrEqual(16);
  });

  it('fails with the work, not with the sampling', async () => {
    await expect(echoRoundTripDuring(echo.port, 20, () => Promise.reject(new Error('work failed')))).rejects.toThrow(
      'work failed',
    );
  });
});
