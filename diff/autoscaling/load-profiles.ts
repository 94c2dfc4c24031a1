import { rateAt, totalDurationMs } from '../../loadtests/generator/schedule.js';
import type { ProfileName } from '../../loadtests/profiles.js';
import { planFor } from '../../loadtests/profiles.js';

/** A load over time: events per second offered at second `t`. */
export interface LoadProfile {
  /** Its name in the load tests (`ramp`, `spike`): short enough for a chart's title. */
  readonly name: string;
  /** Its shape in words. */
  readonly description: string;
  readonly durationSeconds: number;
  rate(t: number): number;
}

/** Long enough to see an autoscaler react and settle: a scale-down window alone is 5 minutes by default. */
const PREVIEW_SECONDS = 600;

/**
 * One of the load tests' profiles (loadtests/profiles.ts, the shapes `npm run bench` runs), at its default rate,
 * then held at its final rate until the preview ends.
 */
function fromLoadTests(profile: ProfileName): LoadProfile {
  const plan = planFor(profile, {});
  if (plan.kind !== 'schedule') throw new Error(`the ${profile} profile has no fixed schedule`);
  const endMs = totalDurationMs(plan.stages);
  const last = plan.stages.at(-1)!.toRate;
  return {
    name: profile,
    description: `${plan.description.replace(/ \(.*\)$/, '')}; held at ${last}/s to ${PREVIEW_SECONDS / 60} min`,
    durationSeconds: PREVIEW_SECONDS,
    rate: (t) => (t * 1000 < endMs ? rateAt(plan.stages, t * 1000) : last),
  };
}

/** The standard profiles every autoscaling change is previewed against: the ramp to 10,000/s and the 25,000/s spike. */
export const STANDARD_PROFILES: readonly LoadProfile[] = [fromLoadTests('ramp'), fromLoadTests('spike')];

/** The highest rate of a profile, sampled each second. */
export function peakRate(profile: LoadProfile): number {
  let peak = 0;
  for (let t = 0; t < profile.durationSeconds; t += 1) peak = Math.max(peak, profile.rate(t));
  return peak;
}
