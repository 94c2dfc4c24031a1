import { describe, expect, it } from 'vitest';
import { standInBrokers } from './deploy-cluster.js';
import { brokerProperties } from './stand-in-kafka.js';

describe('stand-in brokers', () => {
  const brokers = standInBrokers(['b-1.msk.example:9098', 'b-2.msk.example:9098'], [41001, 41002]);

  it('gives each rendered bootstrap server a broker of its own address, advertised under the rendered name', () => {
    expect(brokers.map((b) => [b.name, b.port, b.address])).toStrictEqual([
      ['b-1.msk.example', 9098, '10.244.0.251'],
      ['b-2.msk.example', 9098, '10.244.0.252'],
    ]);
    const second = brokerProperties(brokers[1]!, 2, 41000, '/data');
    expect(second['advertised.listeners']).toBe('POD://b-2.msk.example:9098,HOST://127.0.0.1:41002');
    expect(second.listeners).toBe('POD://10.244.0.252:9098,HOST://127.0.0.1:41002');
  });

  it('makes the first broker the only controller, and replicates the internal topics on every broker', () => {
    const first = brokerProperties(brokers[0]!, 2, 41000, '/data');
    expect(first['process.roles']).toBe('broker,controller');
    expect(first.listeners).toContain('CONTROLLER://127.0.0.1:41000');
    expect(brokerProperties(brokers[1]!, 2, 41000, '/data')['process.roles']).toBe('broker');
    expect(first['offsets.topic.replication.factor']).toBe(2);
    expect(first['auto.create.topics.enable']).toBe('false');
  });
});
