/** A lag reading: milliseconds since the watch started, and the lag (undefined when it could not be read). */
export interface LagSample {
  readonly at: number;
  readonly lag: number | undefined;
}

/**
 * Reads the consumer lag once a second in the background, keeping every sample: the peak shows what the faults did,
 * and the samples after the last fault show how fast the worker caught up. A failed read (the broker is down) is a
 * sample without a value, not an error.
 */
export class LagWatch {
  readonly samples: LagSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly now: () => number = Date.now,
  ) {}

  start(intervalMs = 1000): void {
    const tick = async (): Promise<void> => {
      if (this.reading) return;
      this.reading = true;
      const at = this.now();
      const lag = await this.read().catch(() => undefined);
      this.samples.push({ at, lag });
      this.reading = false;
    };
    void tick();
    this.timer = setInterval(() => void tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  peak(): number {
    return Math.max(0, ...this.samples.map((s) => s.lag ?? 0));
  }

  /** The first moment at or after `from` when the lag was read and at most `limit`. */
  firstAtOrBelow(limit: number, from: number): number | undefined {
    return this.samples.find((s) => s.at >= from && s.lag !== undefined && s.lag <= limit)?.at;
  }
}
