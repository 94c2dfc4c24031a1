import type pg from 'pg';
import type { Logger } from 'pino';
import type { RetentionSettings } from '../db/retention.js';
import { pruneIfFirst } from '../db/retention.js';

/**
 * Keeps the dedup table and the idempotency keys bounded: every `intervalMs` one replica (an advisory lock decides)
 * deletes what is past its window. A failure is logged and tried again next round; nothing depends on it in between.
 */
export class RetentionTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: RetentionSettings,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async runOnce(): Promise<void> {
    try {
      const client = await this.pool.connect();
      try {
        const removed = await pruneIfFirst(client, this.settings);
        if (removed)
          this.logger.info(
            { ...removed, dedupHours: this.settings.dedupHours },
            'pruned expired dedup records and keys',
          );
      } finally {
        client.release();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'pruning failed; trying again next round');
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
