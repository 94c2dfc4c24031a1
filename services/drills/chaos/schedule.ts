import type { FaultType } from './target.js';

/** A fault the drill will cause, `atMs` after the load starts. */
export interface PlannedFault {
  readonly atMs: number;
  readonly type: FaultType;
}

export interface SchedulePlan {
  readonly durationMs: number;
  /** Worker kills per run; every other fault type the target supports happens once. */
  readonly kills: number;
  readonly faultTypes: readonly FaultType[];
}

/** A small seeded generator (mulberry32), so a run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Faults land in the middle of the load: the first tenth warms up, the last 40 % shows the recovery under load.
const WINDOW_START = 0.1;
const WINDOW_END = 0.6;

/**
 * The faults of one run in a random order at random moments of the fault window: `kills` worker kills, and each other
 * fault the target supports once (a scale up always before a scale down, so the worker ends where it began).
 */
export function planFaults(plan: SchedulePlan, random: () => number): PlannedFault[] {
  const others = plan.faultTypes.filter((t) => t !== 'kill-worker');
  const types: FaultType[] = [
    ...Array.from({ length: plan.faultTypes.includes('kill-worker') ? plan.kills : 0 }, () => 'kill-worker' as const),
    ...others,
  ];
  for (let i = types.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [types[i], types[j]] = [types[j]!, types[i]!];
  }
  const up = types.indexOf('scale-up');
  const down = types.indexOf('scale-down');
  if (up > down && down >= 0) [types[up], types[down]] = ['scale-down', 'scale-up'];

  const start = plan.durationMs * WINDOW_START;
  const span = plan.durationMs * (WINDOW_END - WINDOW_START);
  const moments = types.map(() => start + random() * span).sort((a, b) => a - b);
  return types.map((type, i) => ({ atMs: Math.round(moments[i]!), type }));
}
