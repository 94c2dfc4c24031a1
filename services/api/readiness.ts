import type { Admin } from 'kafkajs';

export interface Readiness {
  /** Undefined when ready; otherwise why not. */
  notReadyReason(): string | undefined;
}

/**
 * Polls Kafka for the events topic's metadata. The API is ready only while Kafka answers: a replica that cannot
 * produce should leave the Service's endpoints rather than answer 503 to every request.
 */
export class KafkaReadiness implements Readiness {
  private reason: string | undefined = 'Kafka not checked yet';
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly admin: Pick<Admin, 'fetchTopicMetadata'>,
    private readonly topic: string,
    private readonly intervalMs = 2000,
    private readonly timeoutMs = 1500,
  ) {}

  async check(): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      const { topics } = await Promise.race([this.admin.fetchTopicMetadata({ topics: [this.topic] }), deadline]);
      const partitions = topics[0]?.partitions ?? [];
      const leaderless = partitions.filter((p) => p.leader < 0).length;
      this.reason = leaderless > 0 ? `${leaderless} partition(s) of ${this.topic} have no leader` : undefined;
    } catch (error) {
      this.reason = `Kafka unreachable: ${(error as Error).message}`;
    } finally {
      clearTimeout(timeout);
    }
  }

  start(): void {
    const loop = async (): Promise<void> => {
      await this.check();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.intervalMs);
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  notReadyReason(): string | undefined {
    return this.reason;
  }
}
