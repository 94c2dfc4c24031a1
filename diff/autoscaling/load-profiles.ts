/** A load over time: events per second offered at second `t`. */
export interface LoadProfile {
  readonly name: string;
  readonly durationSeconds: number;
  rate(t: number): number;
}

const RAMP_PEAK = 10_000;
const RAMP_SECONDS = 300;
const SPIKE_BASE = 2_000;
const SPIKE_PEAK = 25_000;
const SPIKE_START = 60;
const SPIKE_SECONDS = 30;
const PROFILE_SECONDS = 600;

/** The standard profiles every autoscaling change is previewed against. */
export const STANDARD_PROFILES: readonly LoadProfile[] = [
  {
    name: `ramp to ${RAMP_PEAK.toLocaleString('en-US')}/s over ${RAMP_SECONDS / 60} min, then hold`,
    durationSeconds: PROFILE_SECONDS,
    rate: (t) => (t < RAMP_SECONDS ? (RAMP_PEAK * t) / RAMP_SECONDS : RAMP_PEAK),
  },
  {
    name: `${SPIKE_PEAK.toLocaleString('en-US')}/s spike for ${SPIKE_SECONDS} s over ${SPIKE_BASE.toLocaleString('en-US')}/s`,
    durationSeconds: PROFILE_SECONDS,
    rate: (t) => (t >= SPIKE_START && t < SPIKE_START + SPIKE_SECONDS ? SPIKE_PEAK : SPIKE_BASE),
  },
];

/** The highest rate of a profile, sampled each second. */
export function peakRate(profile: LoadProfile): number {
  let peak = 0;
  for (let t = 0; t < profile.durationSeconds; t += 1) peak = Math.max(peak, profile.rate(t));
  return peak;
}
