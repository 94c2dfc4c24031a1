import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { groupLag } from '../shared/kafka/group-lag.js';
import type { WorkerMetrics } from './metrics.js';

/**
 * Keeps `worker_consumer_lag` equal to the broker's view of the group, on a timer: it moves while the worker is stuck,
 * revoked or idle, which is exactly when the lag alert must see it. Every replica reports the whole group, so the
 * alert and the dashboard take the max per partition (never a sum over replicas).
 */
export class LagMonitor {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>,
    private readonly groupId: string,
    private readonly topic: string,
    private readonly metrics: Pick<WorkerMetrics, 'lag'>,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  async update(): Promise<void> {
    try {
      for (const { partition, lag } of await groupLag(this.admin, this.groupId, this.topic))
        this.metrics.lag.set({ topic: this.topic, partition: String(partition) }, lag);
    } catch (error) {
      // The gauge keeps its last values; a broker that does not answer shows up in the API's readiness and alerts.
      this.logger.debug({ err: error }, 'could not read the consumer lag');
    }
  }

  start(): void {
    const loop = async (): Promise<void> => {
      await this.update();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.intervalMs);
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
