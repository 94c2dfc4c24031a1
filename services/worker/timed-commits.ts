import type { Logger } from 'pino';

export interface OffsetToCommit {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read. */
  readonly offset: string;
}

/**
 * The `before` mode's commit policy, the one most consumers start with (Kafka's own enable.auto.commit behaves
 * alike): offsets of processed messages are committed every `intervalMs` on a timer, independently of the effects.
 * Whatever was applied since the last tick is applied again after a crash or after a rebalance moves the partition.
 */
export class TimedOffsetCommitter {
  private readonly pending = new Map<string, OffsetToCommit>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly commit: (offsets: OffsetToCommit[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  processed(offset: OffsetToCommit): void {
    this.pending.set(`${offset.topic}:${offset.partition}`, offset);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.commit(offsets);
    } catch (error) {
      // Typically a rebalance in progress; the offsets are simply lost, as with any timer-based commit.
      this.logger.info({ err: error }, 'timed offset commit failed');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
