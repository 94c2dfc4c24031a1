import type { Simulation } from './simulate.js';

/** A simulation as the preview reports it: the replicas over time, what the profile needs and the bound. */
export function simulation(replicas: number[], needed: number, maxReplicas: number): Simulation {
  return {
    replicas,
    peakReplicas: Math.max(...replicas),
    neededReplicas: needed,
    limit: maxReplicas,
    limitedBy: 'maxReplicas',
    cappedAt: needed > maxReplicas ? maxReplicas : undefined,
    readyAfterSeconds: 30,
  };
}
