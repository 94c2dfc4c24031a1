import type { EnvConfig } from '../../config/schema.js';
import type { PolicyStatement } from '../components/identities.js';

/** MSK's IAM resources of one cluster: `cluster/<name>/<uuid>` becomes `topic/...` and `group/...` with the same prefix. */
export function kafkaArns(clusterArn: string) {
  const [prefix, rest] = clusterArn.split(':cluster/');
  if (!prefix || !rest) throw new Error(`not an MSK cluster ARN: ${clusterArn}`);
  return {
    cluster: clusterArn,
    topic: (name: string) => `${prefix}:topic/${rest}/${name}`,
    group: (name: string) => `${prefix}:group/${rest}/${name}`,
  };
}

const connect = (clusterArn: string): PolicyStatement => ({
  Sid: 'Connect',
  Effect: 'Allow',
  Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
  Resource: clusterArn,
});

/** The api produces to the events topic, idempotently; nothing else. */
export function apiKafkaAccess(config: EnvConfig, clusterArn: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    {
      ...connect(clusterArn),
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:WriteDataIdempotently'],
    },
    {
      Sid: 'ProduceEvents',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      Resource: arns.topic(config.kafka.topic.name),
    },
  ];
}

/** The worker consumes the events topic in its group and writes poison messages to the dead-letter topic. */
export function workerKafkaAccess(config: EnvConfig, clusterArn: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    {
      ...connect(clusterArn),
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:WriteDataIdempotently'],
    },
    {
      Sid: 'ConsumeEvents',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
      Resource: arns.topic(config.kafka.topic.name),
    },
    {
      Sid: 'JoinGroup',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      Resource: arns.group(config.kafka.consumerGroup),
    },
    {
      Sid: 'DeadLetters',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      Resource: arns.topic(config.kafka.deadLetterTopic.name),
    },
  ];
}

/** Reading a group's lag (KEDA's scaler, the chaos drill's recovery check): describe the group and the topic only. */
export function lagReaderKafkaAccess(config: EnvConfig, clusterArn: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    connect(clusterArn),
    {
      Sid: 'ReadLag',
      Effect: 'Allow',
      Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeGroup'],
      Resource: [arns.topic(config.kafka.topic.name), arns.group(config.kafka.consumerGroup)],
    },
  ];
}

/** The PreSync bootstrap: create the two topics and read their settings to verify them; no data access. */
export function topicAdminKafkaAccess(config: EnvConfig, clusterArn: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    connect(clusterArn),
    {
      Sid: 'CreateAndVerifyTopics',
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
      ],
      Resource: [arns.topic(config.kafka.topic.name), arns.topic(config.kafka.deadLetterTopic.name)],
    },
  ];
}
