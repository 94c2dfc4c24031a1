import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { stopIdleRequestQueueTimers } from '../../services/shared/kafka/request-queue-timer.js';
import { javaArgs, kafkaPaths, newClusterId } from '../stack/kafka.js';
import { waitUntil } from '../stack/processes.js';
import type { StackSettings } from '../stack/settings.js';
import type { ProcessGroup } from '../sync/process-group.js';

/** One stand-in broker: the rendered name and port pods use, the address it listens on, and the host's port. */
export interface StandInBroker {
  readonly id: number;
  readonly name: string;
  readonly port: number;
  readonly address: string;
  readonly hostPort: number;
}

export interface StandInKafka {
  readonly brokers: StandInBroker[];
  /** Bootstrap addresses for the host side (the check itself), on loopback. */
  readonly hostBootstrap: string[];
}

/**
 * `server.properties` of broker `b` in a KRaft cluster whose first broker is also its only controller: a POD listener
 * on the broker's own address of the node network, advertised under the rendered MSK name (CoreDNS resolves it to
 * that address), and a HOST listener on loopback for the check and for the brokers among themselves.
 */
export function brokerProperties(
  b: StandInBroker,
  count: number,
  controllerPort: number,
  dataDir: string,
): Record<string, string | number> {
  const controller = b.id === 1;
  return {
    'process.roles': controller ? 'broker,controller' : 'broker',
    'node.id': b.id,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: [`POD://${b.address}:${b.port}`, `HOST://127.0.0.1:${b.hostPort}`]
      .concat(controller ? [`CONTROLLER://127.0.0.1:${controllerPort}`] : [])
      .join(','),
    'advertised.listeners': `POD://${b.name}:${b.port},HOST://127.0.0.1:${b.hostPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'HOST',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,POD:PLAINTEXT,HOST:PLAINTEXT',
    'log.dirs': dataDir,
    'offsets.topic.replication.factor': Math.min(count, 3),
    'transaction.state.log.replication.factor': Math.min(count, 3),
    'transaction.state.log.min.isr': 1,
    'offsets.topic.num.partitions': 10,
    'group.initial.rebalance.delay.ms': 0,
    // As on MSK: the bootstrap Job creates the topics, with the environment's replication and min ISR.
    'auto.create.topics.enable': 'false',
  };
}

const LOG4J = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
`;

/**
 * Kafka in place of MSK: one broker per rendered bootstrap server (MSK's brokers, each with the rendered name and
 * port), enough for the environment's replication factor, from the local stack's jars. Plaintext: MSK's IAM login
 * needs AWS, which the rehearsal does not have (the report names the rewrite of KAFKA_AUTH that goes with it).
 */
export async function startStandInKafka(options: {
  stack: StackSettings;
  home: string;
  group: ProcessGroup;
  brokers: StandInBroker[];
  controllerPort: number;
}): Promise<StandInKafka> {
  const { home, group, brokers, controllerPort } = options;
  const libs = kafkaPaths(options.stack).libs;
  if (!fs.existsSync(libs))
    throw new Error(`Kafka's jars are not installed in ${libs}: run bash tools/install/kafka.sh`);
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const log4j = path.join(home, 'log4j.properties');
  fs.writeFileSync(log4j, LOG4J);
  const clusterId = newClusterId();
  for (const b of brokers) {
    const dataDir = path.join(home, `broker-${b.id}`);
    const config = path.join(home, `broker-${b.id}.properties`);
    const props = brokerProperties(b, brokers.length, controllerPort, dataDir);
    fs.writeFileSync(
      config,
      `${Object.entries(props)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
    );
    execFileSync(
      'java',
      javaArgs({ libs, log4j }, '256m', 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', config]),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    group.start(`kafka-${b.id}`, 'java', javaArgs({ libs, log4j }, '384m', 'kafka.Kafka', [config]));
  }
  const hostBootstrap = brokers.map((b) => `127.0.0.1:${b.hostPort}`);
  stopIdleRequestQueueTimers();
  const admin = new Kafka({ clientId: 'deploy-check', brokers: hostBootstrap, logLevel: logLevel.NOTHING }).admin();
  try {
    await waitUntil(
      async () => {
        group.assertRunning();
        try {
          await admin.connect();
          const cluster = await admin.describeCluster();
          await admin.describeGroups(['deploy-check']);
          return cluster.brokers.length === brokers.length;
        } catch {
          return false;
        }
      },
      120_000,
      () => `the stand-in Kafka did not register ${brokers.length} brokers in 120 s (see kafka-*.log)`,
      1000,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return { brokers, hostBootstrap };
}
