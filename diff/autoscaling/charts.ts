import type { AutoscalingPreview, ProfilePreview } from './preview.js';
import type { Simulation } from './simulate.js';
import { SAMPLE_SECONDS } from './simulate.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** `4m30s`, `45s`. */
export function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest}s` : rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

/** One character per sample, the height relative to `top` (shared by both sides, so they compare). */
export function sparkline(values: readonly number[], top: number): string {
  return values
    .map((v) => (v <= 0 ? ' ' : BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((v / top) * BLOCKS.length) - 1)]))
    .join('');
}

/** What a reviewer needs from one simulation, in a line. */
export function outcome(simulation: Simulation): string {
  const need = simulation.cappedAt
    ? `needs ${simulation.neededReplicas}, capped at ${simulation.cappedAt}`
    : `needs ${simulation.neededReplicas}`;
  // Capped, the best it can do is the cap: say when that many were ready.
  const goal = simulation.cappedAt === undefined ? 'ready' : `${simulation.cappedAt} ready`;
  const ready =
    simulation.readyAfterSeconds === undefined
      ? `not ${goal} in the profile`
      : `${goal} after ${duration(simulation.readyAfterSeconds)}`;
  const lag =
    simulation.peakLag === undefined
      ? ''
      : `; peak lag ${simulation.peakLag.toLocaleString('en-US')}${
          simulation.peakLag > 0
            ? simulation.lagClearedAfterSeconds === undefined
              ? ', not cleared in the profile'
              : `, cleared after ${duration(simulation.lagClearedAfterSeconds)}`
            : ''
        }`;
  return `peak ${simulation.peakReplicas} replicas, ${need}: ${ready}${lag}`;
}

const topOf = (profile: ProfilePreview) =>
  Math.max(1, ...(profile.before?.replicas ?? []), ...(profile.after?.replicas ?? []));

/** The preview for a terminal: per profile, a text chart of the replicas for each side and its outcome. */
export function textChart(preview: AutoscalingPreview): string[] {
  const lines = [`${preview.workload} (${preview.source}, on ${preview.signal}):`];
  for (const profile of preview.profiles) {
    const top = topOf(profile);
    const samples = profile.after?.replicas.length ?? profile.before?.replicas.length ?? 0;
    lines.push(
      `  ${profile.profile} (${profile.description}); replicas every ${SAMPLE_SECONDS} s for ${duration((samples - 1) * SAMPLE_SECONDS)}, top ${top}:`,
    );
    for (const [label, simulation] of [
      ['before', profile.before],
      ['after ', profile.after],
    ] as const) {
      lines.push(
        simulation
          ? `    ${label} |${sparkline(simulation.replicas, top)}| ${outcome(simulation)}`
          : `    ${label} (no autoscaler)`,
      );
    }
  }
  return lines;
}
