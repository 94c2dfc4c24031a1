/** Header names the services put on Kafka messages: one registry, so producer and consumer cannot drift. */
export const DEAD_LETTER_HEADERS = {
  error: 'x-dlq-error',
  errorKind: 'x-dlq-error-kind',
  attempts: 'x-dlq-attempts',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
} as const;
