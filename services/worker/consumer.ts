import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { ProcessorDeps } from './batch.js';
import { toContext, withBackgroundHeartbeat } from './batch-context.js';
import { DependencyHealth } from './dependency-health.js';
import { LagMonitor } from './lag-monitor.js';
import { processBatchExactlyOnce } from './exactly-once.js';
import { Failpoint } from './failpoint.js';
import type { LedgerStore } from './ledger-store.js';
import type { Poison } from './messages.js';
import { deadLetterMessage } from './messages.js';
import type { WorkerMetrics } from './metrics.js';
import { processBatchNaively } from './naive.js';
import type { WorkerSettings } from './settings.js';
import { TimedOffsetCommitter } from './timed-commits.js';
import { nextOffset } from './batch.js';
import { connectWithRetry } from '../shared/runtime/connect.js';

export interface WorkerRuntime {
  readonly consumer: Consumer;
  readonly producer: Producer;
  /** Undefined once the consumer has joined its group. */
  notReadyReason(): string | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the mode's batch processor to a kafkajs consumer, a dead-letter producer and the ledger store. */
export function createWorkerRuntime(
  kafka: Kafka,
  store: LedgerStore,
  settings: WorkerSettings,
  metrics: WorkerMetrics,
  logger: Logger,
): WorkerRuntime {
  const consumer = kafka.consumer({
    groupId: settings.consumerGroup,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    rebalanceTimeout: settings.rebalanceTimeoutMs,
    // An idle consumer heartbeats between fetches: a long poll of 5 s (kafkajs's default) would let a survivor learn
    // of a rebalance (a dead replica's partitions to take over) only seconds later.
    maxWaitTimeInMs: settings.heartbeatIntervalMs,
    allowAutoTopicCreation: false,
  });
  // Not kafkajs's idempotent producer: after a failed send its sequence numbers can make the broker report a later
  // record as a duplicate (acknowledged, never written). A dead letter written twice is harmless; one lost is not.
  const producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const admin = kafka.admin();
  const health = new DependencyHealth();
  const lagMonitor = new LagMonitor(
    admin,
    settings.consumerGroup,
    settings.topic,
    metrics,
    logger,
    settings.lagIntervalMs,
  );
  const timedCommits = new TimedOffsetCommitter(
    (offsets) => consumer.commitOffsets(offsets),
    settings.autoCommitIntervalMs,
    logger,
  );
  let notReady: string | undefined = 'not yet joined the consumer group';

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    notReady = undefined;
    metrics.rebalances.inc();
    logger.info(
      { memberId: event.payload.memberId, assignment: event.payload.memberAssignment },
      'joined the consumer group',
    );
  });
  consumer.on(consumer.events.CRASH, (event) => {
    notReady = `consumer crashed: ${event.payload.error.message}`;
    logger.error({ err: event.payload.error, restart: event.payload.restart }, 'consumer crashed');
    // kafkajs restarts on retriable errors; on any other the process exits and the orchestrator restarts it.
    if (!event.payload.restart) process.exit(1);
  });

  const deps: ProcessorDeps = {
    store,
    metrics,
    health,
    logger,
    settings,
    failpoint: new Failpoint(settings.crashAfterApplied),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async deadLetter(poison: readonly Poison[]) {
      const now = new Date();
      await producer.send({
        topic: settings.deadLetterTopic,
        acks: -1,
        messages: poison.map((p) => deadLetterMessage(p, now)),
      });
      for (const p of poison)
        logger.warn(
          { kind: p.kind, error: p.error, partition: p.source.partition, offset: p.source.offset },
          'dead-lettered',
        );
    },
    async commit(topic, partition, offset) {
      await consumer.commitOffsets([{ topic, partition, offset }]);
    },
  };

  return {
    consumer,
    producer,
    notReadyReason: () => notReady ?? health.notReadyReason(),
    async start() {
      // A broker that is down at start-up (a restart, a network blip) is waited for, not a reason to crash-loop.
      notReady = 'connecting to Kafka';
      await connectWithRetry('kafka producer', () => producer.connect(), logger);
      await connectWithRetry('kafka admin', () => admin.connect(), logger);
      lagMonitor.start();
      await connectWithRetry('kafka consumer', () => consumer.connect(), logger);
      notReady = 'not yet joined the consumer group';
      await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
      if (settings.mode === 'after') {
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: settings.partitionsConcurrently,
          eachBatch: async (payload) => {
            const { ctx, stop } = withBackgroundHeartbeat(payload, settings.heartbeatIntervalMs);
            try {
              await processBatchExactlyOnce(ctx, deps);
            } finally {
              stop();
            }
          },
        });
      } else {
        timedCommits.start();
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: settings.partitionsConcurrently,
          eachBatch: async (payload) => {
            const ctx = toContext(payload);
            await processBatchNaively(
              {
                ...ctx,
                resolveOffset: (offset) => {
                  ctx.resolveOffset(offset);
                  timedCommits.processed({ topic: ctx.topic, partition: ctx.partition, offset: nextOffset(offset) });
                },
              },
              deps,
            );
          },
        });
      }
    },
    async stop() {
      notReady = 'stopping';
      // The naive mode's last commit happens while the consumer still runs (kafkajs refuses commits once stopped),
      // so whatever the batch in flight applies after it is applied again by the next owner: naive to the end.
      if (settings.mode === 'before') await timedCommits.stop();
      // disconnect() stops fetching, lets the running batch see isRunning() === false, and leaves the group.
      await consumer.disconnect();
      lagMonitor.stop();
      await admin.disconnect();
      await producer.disconnect();
    },
  };
}
