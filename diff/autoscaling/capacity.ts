import fs from 'node:fs';
import path from 'node:path';

/** Where the per-replica capacities live; `npm run bench` measures what they should say. */
export const CAPACITY_FILE = 'loadtests/capacity.json';

export interface WorkloadCapacity {
  /** CPU-bound workloads (the API): events per second one core of CPU handles. */
  readonly eventsPerSecondPerCore?: number;
  /** Workloads bound by something else (the worker, by the database): events per second one replica drains. */
  readonly eventsPerSecondPerReplica?: number;
  /** From a pod's creation to it taking load (scheduling, image, start-up, readiness). */
  readonly readySeconds: number;
}

export interface Capacities {
  readonly source: string;
  /**
   * The round trip to the broker and PostgreSQL the rates were measured behind (`npm run bench -- --round-trip-ms`),
   * in milliseconds; absent, they were measured on loopback, where a round trip costs microseconds.
   */
  readonly roundTripMs?: number;
  readonly workloads: Readonly<Record<string, WorkloadCapacity>>;
}

export function readCapacities(repoRoot: string): Capacities | undefined {
  const file = path.join(repoRoot, CAPACITY_FILE);
  if (!fs.existsSync(file)) return undefined;
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Capacities>;
  if (typeof data.source !== 'string' || typeof data.workloads !== 'object' || data.workloads === null)
    throw new Error(`${CAPACITY_FILE}: expected { source, workloads: { <deployment>: {...} } }`);
  if (data.roundTripMs !== undefined && !(typeof data.roundTripMs === 'number' && data.roundTripMs > 0))
    throw new Error(`${CAPACITY_FILE}: roundTripMs, when present, is a positive number of milliseconds`);
  for (const [name, capacity] of Object.entries(data.workloads)) {
    const rates = [capacity.eventsPerSecondPerCore, capacity.eventsPerSecondPerReplica].filter((r) => r !== undefined);
    if (rates.length !== 1 || !(rates[0]! > 0) || !(capacity.readySeconds >= 0))
      throw new Error(
        `${CAPACITY_FILE}: workloads.${name} needs readySeconds and one positive rate (eventsPerSecondPerCore or eventsPerSecondPerReplica)`,
      );
  }
  return data as Capacities;
}
