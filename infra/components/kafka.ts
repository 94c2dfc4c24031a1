import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import { kafkaClusterName } from '../naming.js';
import type { Context } from './context.js';
import { encryptionKey } from './encryption.js';
import { admitFromNodes } from './firewall.js';
import type { Network } from './network.js';

/** MSK's listener for TLS with SASL/IAM: the only one this cluster opens. */
export const KAFKA_IAM_PORT = 9098;

/**
 * Broker defaults that match the topics env.yaml declares: a topic nobody declared is never created by a typo, and
 * an acks=all write needs min.insync.replicas copies, as the topics say.
 */
export function brokerProperties(config: EnvConfig): Record<string, string> {
  const topics = [config.kafka.topic, config.kafka.deadLetterTopic];
  return {
    'auto.create.topics.enable': 'false',
    'default.replication.factor': String(Math.max(...topics.map((t) => t.replicationFactor))),
    'min.insync.replicas': String(Math.max(...topics.map((t) => t.minInsyncReplicas))),
    'unclean.leader.election.enable': 'false',
    'num.partitions': String(config.kafka.topic.partitions),
  };
}

/**
 * MSK over `kafka.brokers.zones` zones: TLS between clients and brokers and among brokers, IAM authentication only
 * (no plaintext, no unauthenticated listener), storage encrypted with a KMS key of its own.
 */
export function kafka(context: Context, config: EnvConfig, net: Network): aws.msk.Cluster {
  const { brokers } = config.kafka;
  const key = encryptionKey(context, config, 'kafka');
  const securityGroup = admitFromNodes(
    context,
    config,
    net,
    'kafka-firewall',
    'MSK: IAM listener from EKS pods',
    KAFKA_IAM_PORT,
  );
  const properties = brokerProperties(config);
  const configuration = new aws.msk.Configuration(
    'kafka-configuration',
    {
      name: kafkaClusterName(config),
      kafkaVersions: [brokers.kafkaVersion],
      serverProperties: Object.entries(properties)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    },
    context.options,
  );
  const logs = new aws.cloudwatch.LogGroup(
    'kafka-broker-logs',
    { name: `/aws/msk/${kafkaClusterName(config)}`, retentionInDays: 30 },
    context.options,
  );
  return new aws.msk.Cluster(
    'kafka',
    {
      clusterName: kafkaClusterName(config),
      kafkaVersion: brokers.kafkaVersion,
      numberOfBrokerNodes: brokers.zones * brokers.perZone,
      brokerNodeGroupInfo: {
        instanceType: brokers.instanceType,
        clientSubnets: net.subnetIds.kafka.slice(0, brokers.zones),
        securityGroups: [securityGroup.id],
        storageInfo: { ebsStorageInfo: { volumeSize: brokers.storageGiB } },
        connectivityInfo: { publicAccess: { type: 'DISABLED' } },
      },
      encryptionInfo: {
        encryptionAtRestKmsKeyArn: key.arn,
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
      configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
      loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: logs.name } } },
    },
    context.options,
  );
}
