import type { EventProducer } from '../shared/kafka/event-producer.js';
import type pg from 'pg';

export interface Readiness {
  /** Undefined when ready; otherwise why not. */
  notReadyReason(): string | undefined;
}

/** A dependency check: resolves to undefined when the dependency answers, or to why not. */
export type Probe = () => Promise<string | undefined>;

/**
 * Polls each dependency the API needs to accept an event (the event log and the idempotency store). A replica that
 * cannot accept should leave the Service's endpoints rather than answer 503 to every request.
 */
export class PollingReadiness implements Readiness {
  private reasons = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** `timeoutsMs`: a probe's own limit where the default would cut it short (its client's connect timeout). */
  constructor(
    private readonly probes: Record<string, Probe>,
    private readonly intervalMs = 2000,
    private readonly timeoutMs = 1500,
    private readonly timeoutsMs: Readonly<Record<string, number>> = {},
  ) {
    for (const name of Object.keys(probes)) this.reasons.set(name, 'not checked yet');
  }

  async check(): Promise<void> {
    await Promise.all(
      Object.entries(this.probes).map(async ([name, probe]) => {
        let timeout: NodeJS.Timeout | undefined;
        const limitMs = this.timeoutsMs[name] ?? this.timeoutMs;
        const deadline = new Promise<string>((resolve) => {
          timeout = setTimeout(() => resolve(`no answer within ${limitMs} ms`), limitMs);
        });
        const reason = await Promise.race([probe().catch((error: Error) => error.message), deadline]);
        clearTimeout(timeout);
        this.reasons.set(name, reason);
      }),
    );
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
    const failing = [...this.reasons].filter(([, reason]) => reason !== undefined);
    return failing.length === 0 ? undefined : failing.map(([name, reason]) => `${name}: ${reason}`).join('; ');
  }
}

/** The events topic has a leader for every partition, as the client that produces to it sees them. */
export function kafkaProbe(producer: Pick<EventProducer, 'leaderlessPartitions'>, topic: string): Probe {
  return async () => {
    const leaderless = await producer.leaderlessPartitions(topic);
    return leaderless > 0 ? `${leaderless} partition(s) of ${topic} have no leader` : undefined;
  };
}

/** The idempotency store answers and accepts writes (a read-only failover target does not). */
export function databaseProbe(pool: pg.Pool): Probe {
  return async () => {
    const { rows } = await pool.query<{ read_only: string }>(
      "SELECT current_setting('transaction_read_only') AS read_only",
    );
    return rows[0]?.read_only === 'on' ? 'the database is read-only' : undefined;
  };
}
