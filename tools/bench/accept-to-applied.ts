import pg from 'pg';
import type { LocalPlatform } from '../local/platform.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { SYNTHETIC_ACCOUNT_PREFIX, eventRequest } from '../../loadtests/events.js';
import { runOpenModel } from '../../loadtests/generator/open-model.js';
import { constant } from '../../loadtests/generator/schedule.js';

export interface AcceptToApplied {
  readonly ratePerSec: number;
  /** From the API's acceptedAt (when the request arrived) to the worker's applied_at (its transaction's last statement). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly applied: number;
  /** What the client saw at this rate: the API's answer latency, from the intended send time. */
  readonly apiP99Ms: number;
  readonly accepted: number;
  readonly notAccepted: number;
}

/** Percentiles of applied_at - accepted_at over the run's accounts, from the ledger itself. */
export async function ledgerLatency(
  databaseUrl: string,
  runId: string,
): Promise<{ p50Ms: number; p99Ms: number; applied: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ p50: number | null; p99: number | null; n: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
              count(*) AS n
       FROM (SELECT extract(epoch FROM applied_at - accepted_at) * 1000 AS ms
             FROM ledger_entries WHERE account_id LIKE $1) t`,
      [`${SYNTHETIC_ACCOUNT_PREFIX}${runId}.%`],
    );
    const r = rows[0]!;
    const ms = (v: number | null) => Math.round((v ?? 0) * 100) / 100;
    return { p50Ms: ms(r.p50), p99Ms: ms(r.p99), applied: Number(r.n) };
  } finally {
    await client.end();
  }
}

/**
 * One open-model run at a fixed rate through the API with the workers running, then, once they drained it, the
 * accept → applied percentiles of exactly that run's events.
 */
export async function acceptToAppliedAt(
  platform: LocalPlatform,
  shape: TrafficShape,
  ratePerSec: number,
  seconds: number,
): Promise<AcceptToApplied> {
  const run = await runOpenModel({
    origin: new URL(platform.api.url),
    stages: [constant(ratePerSec, seconds * 1000)],
    request: (n) => eventRequest(shape, n),
    connections: 256,
    maxOutstanding: 20_000,
    maxArrivals: ratePerSec * seconds + 1,
    timeoutMs: 10_000,
  });
  await platform.waitForDrain(300_000);
  const latency = await ledgerLatency(platform.scenario.databaseUrl, shape.runId);
  const accepted = run.tally.outcomes.accepted;
  const result = {
    ratePerSec,
    ...latency,
    apiP99Ms: run.tally.summary().p99,
    accepted,
    notAccepted: run.tally.total - accepted,
  };
  run.tally.destroy();
  return result;
}
