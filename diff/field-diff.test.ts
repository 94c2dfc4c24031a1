import { describe, expect, it } from 'vitest';
import { diffObjects } from './field-diff.js';

describe('diffObjects', () => {
  it('reports changed, added and removed fields with their paths', () => {
    expect(
      diffObjects({ spec: { a: 1, b: 2, c: { d: 'x' } } }, { spec: { a: 1, b: 3, c: {}, e: true } }),
    ).toStrictEqual([
      { path: 'spec.b', before: 2, after: 3 },
      { path: 'spec.c.d', before: 'x' },
      { path: 'spec.e', after: true },
    ]);
  });

  it('matches named list entries by name, not position', () => {
    const before = {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    };
    const after = {
      env: [
        { name: 'B', value: '3' },
        { name: 'A', value: '1' },
      ],
    };
    expect(diffObjects(before, after)).toStrictEqual([{ path: 'env[B].value', before: '2', after: '3' }]);
  });

  it('shows a renamed container as a change of that container, not a remove and an add of every entry', () => {
    const container = (name: string) => ({
      name,
      image: 'worker:1',
      ports: [{ name: 'metrics', containerPort: 9464 }],
    });
    const before = { containers: [container('worker'), container('sidecar')] };
    const after = { containers: [container('ledger-worker'), container('sidecar')] };
    expect(diffObjects(before, after)).toStrictEqual([
      { path: 'containers[worker→ledger-worker].name', before: 'worker', after: 'ledger-worker' },
    ]);
  });

  it('descends into a KEDA trigger by its type', () => {
    const trigger = (lagThreshold: string) => ({
      type: 'kafka',
      metadata: { bootstrapServers: 'b-1.events.kafka.eu-west-1.amazonaws.com:9092', lagThreshold, topic: 'events' },
    });
    expect(
      diffObjects({ spec: { triggers: [trigger('1000')] } }, { spec: { triggers: [trigger('777')] } }),
    ).toStrictEqual([{ path: 'spec.triggers[kafka].metadata.lagThreshold', before: '1000', after: '777' }]);
  });

  it('matches alert rules by alert, ports by number and protocol, HPA metrics by resource', () => {
    expect(
      diffObjects(
        {
          rules: [
            { alert: 'A', for: '5m' },
            { alert: 'B', for: '5m' },
          ],
        },
        {
          rules: [
            { alert: 'B', for: '10m' },
            { alert: 'A', for: '5m' },
          ],
        },
      ),
    ).toStrictEqual([{ path: 'rules[B].for', before: '5m', after: '10m' }]);
    expect(
      diffObjects(
        {
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
        {
          ports: [
            { port: 53, protocol: 'TCP' },
            { port: 5353, protocol: 'UDP' },
          ],
        },
      ),
    ).toStrictEqual([{ path: 'ports[53/UDP→5353/UDP].port', before: 53, after: 5353 }]);
    const metric = (name: string, averageUtilization: number) => ({
      type: 'Resource',
      resource: { name, target: { type: 'Utilization', averageUtilization } },
    });
    expect(
      diffObjects(
        { metrics: [metric('cpu', 70), metric('memory', 80)] },
        { metrics: [metric('cpu', 60), metric('memory', 80)] },
      ),
    ).toStrictEqual([{ path: 'metrics[Resource:cpu].resource.target.averageUtilization', before: 70, after: 60 }]);
  });

  it('descends into unnamed lists by position, an inserted entry being one addition', () => {
    expect(diffObjects({ args: ['run', 'a'] }, { args: ['run', 'b'] })).toStrictEqual([
      { path: 'args[1]', before: 'a', after: 'b' },
    ]);
    expect(diffObjects({ args: ['run', '--x', 'a'] }, { args: ['run', '--new', '--x', 'a'] })).toStrictEqual([
      { path: 'args[1]', after: '--new' },
    ]);
    const rule = (port: number) => ({ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port }] });
    expect(diffObjects({ ingress: [rule(8080)] }, { ingress: [rule(8081)] })).toStrictEqual([
      { path: 'ingress[0].ports[8080/TCP→8081/TCP].port', before: 8080, after: 8081 },
    ]);
  });

  it('finds nothing between equal objects', () => {
    expect(diffObjects({ a: [{ name: 'x' }], b: { c: 1 } }, { b: { c: 1 }, a: [{ name: 'x' }] })).toStrictEqual([]);
  });
});
