import type { WorkerSettings } from './settings.js';

/**
 * Round trips of one chunk's transaction in `after` mode (ledger-store.ts): BEGIN, the dedup record, the check of
 * earlier bodies, the balances, the entries, COMMIT.
 */
const CHUNK_TRANSACTION_ROUND_TRIPS = 6;

/**
 * The longest a stopping worker can still be inside one step of a batch before it sees that it is stopping and
 * abandons the rest uncommitted (apply-with-retry.ts checks between attempts): opening a connection, one chunk's
 * transaction with every round trip at the client's query timeout, then the longest backoff sleep. Its shutdown
 * deadline (WORKER_SHUTDOWN_TIMEOUT_MS) must cover it, and the pod's grace period the deadline.
 */
export function worstCaseStopMs(settings: WorkerSettings): number {
  const { connectTimeoutMs, queryTimeoutMs } = settings.database;
  return connectTimeoutMs + CHUNK_TRANSACTION_ROUND_TRIPS * queryTimeoutMs + settings.retryMaxMs;
}
