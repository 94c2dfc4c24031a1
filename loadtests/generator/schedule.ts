/** One stage of an arrival schedule: the rate moves linearly from `fromRate` to `toRate` over `durationMs`. */
export interface Stage {
  readonly durationMs: number;
  /** Arrivals per second at the start of the stage. */
  readonly fromRate: number;
  /** Arrivals per second at its end (equal to fromRate for a constant rate). */
  readonly toRate: number;
}

export const constant = (ratePerSec: number, durationMs: number): Stage => ({
  durationMs,
  fromRate: ratePerSec,
  toRate: ratePerSec,
});

export const ramp = (fromRate: number, toRate: number, durationMs: number): Stage => ({ durationMs, fromRate, toRate });

export function totalDurationMs(stages: readonly Stage[]): number {
  return stages.reduce((sum, s) => sum + s.durationMs, 0);
}

/** The offered rate (arrivals per second) at `tMs` after the start; 0 after the last stage. */
export function rateAt(stages: readonly Stage[], tMs: number): number {
  let start = 0;
  for (const stage of stages) {
    if (tMs < start + stage.durationMs) {
      const f = (tMs - start) / stage.durationMs;
      return stage.fromRate + (stage.toRate - stage.fromRate) * f;
    }
    start += stage.durationMs;
  }
  return 0;
}

/** Arrivals the schedule offers in all: the area under the rate curve. */
export function expectedArrivals(stages: readonly Stage[]): number {
  return Math.round(stages.reduce((sum, s) => sum + ((s.fromRate + s.toRate) / 2) * (s.durationMs / 1000), 0));
}

/** The time (ms into the stage) at which a linear-rate stage has offered `k` arrivals: the inverse of its integral. */
function timeForArrivals(stage: Stage, k: number): number {
  const a = stage.fromRate / 1000;
  const b = (stage.toRate - stage.fromRate) / 1000 / stage.durationMs;
  if (Math.abs(b) < 1e-15) return k / a;
  // a·t + b·t²/2 = k
  return (-a + Math.sqrt(a * a + 2 * b * k)) / b;
}

/**
 * The intended send times of an open model: arrival n is due when the schedule has offered n arrivals, whatever
 * happened to the arrivals before it. Latency is measured from these times, so a server that answers slowly cannot
 * slow the arrivals down and hide its queueing (coordinated omission). A stage at rate 0 is a pause.
 */
export class ArrivalClock {
  private stage = 0;
  private stageStartMs = 0;
  private offeredBeforeStage = 0;
  private n = 0;

  constructor(private readonly stages: readonly Stage[]) {}

  /** The next arrival's intended time in ms from the start, or undefined when the schedule is over. */
  peek(): number | undefined {
    for (;;) {
      const stage = this.stages[this.stage];
      if (stage === undefined) return undefined;
      const offered = ((stage.fromRate + stage.toRate) / 2) * (stage.durationMs / 1000);
      const k = this.n - this.offeredBeforeStage;
      if (k < offered) return this.stageStartMs + timeForArrivals(stage, k);
      this.offeredBeforeStage += offered;
      this.stageStartMs += stage.durationMs;
      this.stage += 1;
    }
  }

  /** Moves past the current arrival. */
  advance(): void {
    this.n += 1;
  }
}
