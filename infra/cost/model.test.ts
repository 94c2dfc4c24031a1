import { describe, expect, it } from 'vitest';
import type { EnvConfig } from '../../config/schema.js';
import { committedConfig } from '../testing/environments.js';
import { costDelta, describeCostDelta } from './delta.js';
import { monthlyCost } from './model.js';
import { US_EAST_1 } from './us-east-1.js';

function prodWith(change: (config: EnvConfig) => void): EnvConfig {
  const config = structuredClone(committedConfig('prod'));
  change(config);
  return config;
}

const lineOf = (config: EnvConfig, prefix: string) => monthlyCost(config).lines.find((l) => l.item.startsWith(prefix))!;

describe('monthlyCost', () => {
  it('prices each line as quantity × unit price × 730 hours, and totals the lines', () => {
    const cost = monthlyCost(committedConfig('prod'));
    expect(lineOf(committedConfig('prod'), 'MSK brokers')).toStrictEqual({
      item: 'MSK brokers (kafka.m7g.large)',
      quantity: 3,
      unit: 'broker-hour',
      unitPrice: 0.204,
      monthly: 446.76,
    });
    const sum = cost.lines.reduce((total, l) => total + l.monthly, 0);
    expect(cost.total).toBeCloseTo(sum, 2);
  });

  it('prices a NAT gateway per zone above a single one', () => {
    const single = lineOf(
      prodWith((c) => (c.aws.natGateways = 'single')),
      'NAT gateways',
    );
    const perZone = lineOf(committedConfig('prod'), 'NAT gateways');
    expect([single.quantity, perZone.quantity]).toStrictEqual([1, 3]);
    expect(perZone.monthly).toBeCloseTo(3 * single.monthly, 2);
  });

  it('bills a Multi-AZ database twice', () => {
    const single = lineOf(
      prodWith((c) => (c.postgres.instance.multiAz = false)),
      'RDS PostgreSQL',
    );
    expect(lineOf(committedConfig('prod'), 'RDS PostgreSQL').monthly).toBeCloseTo(2 * single.monthly, 2);
  });

  it('counts the nodes the workloads request at maximum replicas', () => {
    // prod: 12 api + 20 worker pods at 250m, plus 2000m of add-ons = 10 cores; an m6i.large gives 1.8 allocatable.
    expect(monthlyCost(committedConfig('prod')).atMaxReplicas.nodes).toBe(6);
    expect(monthlyCost(prodWith((c) => (c.worker.autoscaling.maxReplicas = 24))).atMaxReplicas.nodes).toBe(7);
  });

  it('says when the price table is of another region, and refuses an instance type it has no price for', () => {
    expect(monthlyCost(committedConfig('dev')).notes).toContain(
      'priced with us-east-1 list prices: no table for eu-west-1 is committed (infra/cost/)',
    );
    expect(monthlyCost(committedConfig('dev'), US_EAST_1).pricedAt).toBe('us-east-1');
    expect(() => monthlyCost(prodWith((c) => (c.aws.nodeGroups[0]!.instanceType = 'x9.huge')))).toThrow(
      'no EC2 price for x9.huge in the price table; add it to infra/cost/',
    );
  });
});

describe('the cost delta of a change', () => {
  it('shows the monthly change of more brokers and of a higher worker maximum', () => {
    const before = committedConfig('prod');
    const after = prodWith((c) => {
      c.kafka.brokers.perZone = 2;
      c.worker.autoscaling.maxReplicas = 24;
    });
    const delta = costDelta(before, after)!;
    // Three more kafka.m7g.large brokers with 500 GiB each: 3 × (0.204 × 730 + 500 × 0.10) = 596.76.
    expect(describeCostDelta(delta)).toBe(
      'monthly cost: $1,283.31 → $1,880.07 (+$596.76); at max replicas $1,505.55 → $2,176.39 (+$670.84)',
    );
  });

  it('says nothing when the cost does not change', () => {
    const config = committedConfig('dev');
    expect(describeCostDelta(costDelta(config, structuredClone(config))!)).toBeUndefined();
  });
});
