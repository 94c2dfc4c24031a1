import type { Stage } from './generator/schedule.js';
import { constant, ramp } from './generator/schedule.js';

export const PROFILE_NAMES = ['smoke', 'ramp', 'spike', 'soak', 'breakpoint'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Every run is bounded: no rate, duration or count beyond these, whatever the flags say. */
export const BOUNDS = { maxRate: 100_000, maxDurationS: 86_400, maxArrivals: 50_000_000 } as const;

export interface ProfileFlags {
  /** Arrivals per second: the steady rate (smoke, soak), the peak (ramp, spike) or the highest step (breakpoint). */
  readonly rate?: number;
  /** Seconds: the whole run (smoke, ramp, soak), the flood (spike) or each step (breakpoint). */
  readonly durationS?: number;
}

/** A fixed arrival schedule with the thresholds it is judged by. */
export interface SchedulePlan {
  readonly kind: 'schedule';
  readonly profile: Exclude<ProfileName, 'breakpoint'>;
  readonly description: string;
  readonly stages: Stage[];
  /** Under a flood, 429/503 with Retry-After is the API doing its job, not an error. */
  readonly sheddingAllowed: boolean;
}

/** Steps of rising constant rate; the run stops at the first step that breaks a threshold. */
export interface BreakpointPlan {
  readonly kind: 'breakpoint';
  readonly profile: 'breakpoint';
  readonly description: string;
  readonly startRate: number;
  readonly stepRate: number;
  readonly maxRate: number;
  readonly stepMs: number;
}

export type Plan = SchedulePlan | BreakpointPlan;

const s = (seconds: number): number => seconds * 1000;

/** The five profiles; flags move their rate and duration, never their shape. */
export function planFor(profile: ProfileName, flags: ProfileFlags): Plan {
  const rate = flags.rate;
  const seconds = flags.durationS;
  switch (profile) {
    case 'smoke': {
      const r = rate ?? 200;
      const d = seconds ?? 10;
      return {
        kind: 'schedule',
        profile,
        description: `${r}/s for ${d} s: the whole path answers, within the SLOs`,
        stages: [constant(r, s(d))],
        sheddingAllowed: false,
      };
    }
    case 'ramp': {
      const r = rate ?? 10_000;
      const d = seconds ?? 90;
      const rise = Math.round((d * 2) / 3);
      return {
        kind: 'schedule',
        profile,
        description: `0 → ${r}/s over ${rise} s, then ${r}/s for ${d - rise} s`,
        stages: [ramp(0, r, s(rise)), constant(r, s(d - rise))],
        sheddingAllowed: false,
      };
    }
    case 'spike': {
      const r = rate ?? 25_000;
      const d = seconds ?? 30;
      const base = Math.min(1000, r);
      return {
        kind: 'schedule',
        profile,
        description: `${base}/s for 10 s, a flood of ${r}/s for ${d} s, ${base}/s for 20 s (shedding allowed)`,
        stages: [constant(base, s(10)), constant(r, s(d)), constant(base, s(20))],
        sheddingAllowed: true,
      };
    }
    case 'soak': {
      const r = rate ?? 2000;
      const d = seconds ?? 600;
      return {
        kind: 'schedule',
        profile,
        description: `${r}/s for ${d} s: nothing degrades over time`,
        stages: [constant(r, s(d))],
        sheddingAllowed: false,
      };
    }
    case 'breakpoint': {
      const max = rate ?? 40_000;
      const step = Math.max(1, Math.round(max / 40));
      const d = seconds ?? 10;
      return {
        kind: 'breakpoint',
        profile,
        description: `${step}/s more every ${d} s up to ${max}/s, until a threshold breaks`,
        startRate: step,
        stepRate: step,
        maxRate: max,
        stepMs: s(d),
      };
    }
  }
}

/** The rates a breakpoint run tries, lowest first. */
export function breakpointSteps(plan: BreakpointPlan): number[] {
  const steps: number[] = [];
  for (let r = plan.startRate; r <= plan.maxRate; r += plan.stepRate) steps.push(r);
  return steps;
}
