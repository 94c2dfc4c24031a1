import { describe, expect, it } from 'vitest';
import { kafkaNode, kafkaNodes, serverProperties } from './kafka.js';
import { stackSettings } from './settings.js';

const VERSIONS = 'KAFKA_VERSION=3.9.1\nPOSTGRES_MAJOR=15\n';
const props = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => l.split('=', 2) as [string, string]),
  );

describe('the local Kafka nodes', () => {
  it('runs one broker by default, holding every internal topic alone', () => {
    const s = stackSettings(VERSIONS, { STACK_DIR: '/s' });
    const [node] = kafkaNodes(s);
    const p = props(serverProperties(s, node!));
    expect(p['controller.quorum.voters']).toBe('1@127.0.0.1:19093');
    expect(p.listeners).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(p['offsets.topic.replication.factor']).toBe('1');
    expect(p['min.insync.replicas']).toBe('1');
    expect(node!.paths.dataDir).toBe('/s/kafka/data');
  });

  it('runs three voters on their own controller ports, the internal topics replicated 3 with min ISR 2', () => {
    const s = stackSettings(VERSIONS, { STACK_DIR: '/s', STACK_KAFKA_BROKERS: '3' });
    const node = kafkaNode(s, 2);
    const p = props(serverProperties(s, node));
    expect(p['node.id']).toBe('2');
    expect(p['controller.quorum.voters']).toBe('1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194');
    expect(p.listeners).toBe('PLAINTEXT://127.0.0.1:19093,CONTROLLER://127.0.0.1:19193');
    expect(p['offsets.topic.replication.factor']).toBe('3');
    expect(p['transaction.state.log.min.isr']).toBe('2');
    expect(p['default.replication.factor']).toBe('3');
    expect(p['min.insync.replicas']).toBe('2');
    expect(node.paths.dataDir).toBe('/s/kafka-cluster/node-2/data');
  });

  it('refuses a port plan whose controllers would take a broker port, naming the setting to move', () => {
    const s = stackSettings(VERSIONS, {
      STACK_DIR: '/s',
      STACK_KAFKA_BROKERS: '3',
      STACK_KAFKA_PORT: '29292',
      STACK_KAFKA_CLUSTER_CONTROLLER_PORT: '29294',
    });
    expect(() => kafkaNodes(s)).toThrow(
      'the local Kafka would listen twice on port 29294 (broker 3 and controller 1): set STACK_KAFKA_CLUSTER_CONTROLLER_PORT at least 3 away from STACK_KAFKA_PORT',
    );
  });

  it('names the brokers there are when asked for one that is not', () => {
    expect(() => kafkaNode(stackSettings(VERSIONS, { STACK_KAFKA_BROKERS: '3' }), 4)).toThrow(
      'there is no broker 4: the local Kafka has brokers 1..3',
    );
  });
});
