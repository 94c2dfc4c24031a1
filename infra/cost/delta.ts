import type { EnvConfig } from '../../config/schema.js';
import { monthlyCost } from './model.js';

export interface CostDelta {
  readonly environment: string;
  readonly before: number;
  readonly after: number;
  readonly beforeAtMaxReplicas: number;
  readonly afterAtMaxReplicas: number;
}

const signed = (value: number): string =>
  `${value < 0 ? '-' : '+'}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const dollars = (value: number): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The monthly cost of an environment before and after a change of its env.yaml (undefined: it does not exist). */
export function costDelta(before: EnvConfig | undefined, after: EnvConfig | undefined): CostDelta | undefined {
  const environment = after?.name ?? before?.name;
  if (environment === undefined) return undefined;
  const b = before ? monthlyCost(before) : undefined;
  const a = after ? monthlyCost(after) : undefined;
  return {
    environment,
    before: b?.total ?? 0,
    after: a?.total ?? 0,
    beforeAtMaxReplicas: b?.atMaxReplicas.total ?? 0,
    afterAtMaxReplicas: a?.atMaxReplicas.total ?? 0,
  };
}

/** One line for a review: `monthly cost: $1,283.31 → $1,327.11 (+$43.80); at max replicas ...`, or undefined if unchanged. */
export function describeCostDelta(delta: CostDelta): string | undefined {
  const base = delta.after - delta.before;
  const peak = delta.afterAtMaxReplicas - delta.beforeAtMaxReplicas;
  if (Math.abs(base) < 0.005 && Math.abs(peak) < 0.005) return undefined;
  return (
    `monthly cost: ${dollars(delta.before)} → ${dollars(delta.after)} (${signed(base)}); ` +
    `at max replicas ${dollars(delta.beforeAtMaxReplicas)} → ${dollars(delta.afterAtMaxReplicas)} (${signed(peak)})`
  );
}
