import { describe, expect, it } from 'vitest';
import { STAND_INS, standInsFor } from './stand-ins.js';

const ingressStandIn = STAND_INS.find((s) => s.kind === 'Ingress')!;

describe('stand-ins for the controllers of charts that are not synced', () => {
  it('stand in only for the charts the environment installs', () => {
    expect(standInsFor(new Set(['keda'])).map((s) => s.kind)).toStrictEqual(['ScaledObject']);
    expect(standInsFor(new Set())).toStrictEqual([]);
  });

  it("publish a load balancer only for Ingresses of the load balancer controller's class", () => {
    expect(ingressStandIn.applies({ metadata: { name: 'api' }, spec: { ingressClassName: 'alb' } })).toBe(true);
    expect(ingressStandIn.applies({ metadata: { name: 'api' }, spec: { ingressClassName: 'nginx' } })).toBe(false);
  });

  it('leave an object alone once it carries the status', () => {
    const scaledObject = STAND_INS.find((s) => s.kind === 'ScaledObject')!;
    const live = { metadata: { name: 'worker' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(scaledObject.done(live)).toBe(true);
    expect(scaledObject.done({ metadata: { name: 'worker' } })).toBe(false);
  });
});
