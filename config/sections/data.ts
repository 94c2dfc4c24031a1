import { Type } from '@sinclair/typebox';
import { patternString, port, strictObject, stringEnum } from '../schema-helpers.js';
import { dnsLabel } from './common.js';

const Topic = strictObject({
  name: patternString('^[a-zA-Z0-9._-]{1,249}$', 'a Kafka topic name'),
  partitions: Type.Integer({ minimum: 1, maximum: 1000, description: 'partition count; caps worker parallelism' }),
  replicationFactor: Type.Integer({ minimum: 1, maximum: 10, description: 'copies of each partition' }),
  minInsyncReplicas: Type.Integer({
    minimum: 1,
    maximum: 10,
    description: 'copies an acks=all write needs; below replicationFactor so one broker may be down',
  }),
  retentionHours: Type.Integer({
    minimum: 1,
    maximum: 87_600,
    description: 'how long the brokers keep a record (retention.ms); the dedup window must outlast it',
  }),
});

export const KafkaSection = strictObject({
  bootstrapServers: Type.Array(patternString('^[a-zA-Z0-9.-]+:[0-9]{1,5}$', 'host:port'), {
    minItems: 1,
    uniqueItems: true,
  }),
  topic: Topic,
  deadLetterTopic: Topic,
  consumerGroup: patternString('^[a-zA-Z0-9._-]{1,249}$', 'a Kafka consumer group id'),
  // MSK: TLS with IAM (SASL/OAUTHBEARER signed with the pod's role), or TLS only. There is no plaintext choice.
  auth: stringEnum(['aws-msk-iam', 'tls'] as const, 'aws-msk-iam (TLS + IAM, port 9098) or tls (port 9094)'),
  // The MSK cluster infra/ creates: brokers are spread evenly over `zones` availability zones.
  brokers: strictObject({
    kafkaVersion: patternString('^[0-9]+\\.[0-9]+\\.[0-9x]+(\\.kraft)?$', 'an MSK Kafka version such as 3.7.x'),
    instanceType: patternString('^kafka\\.[a-z0-9]+\\.[a-z0-9]+$', 'an MSK broker type such as kafka.m7g.large'),
    zones: Type.Integer({ minimum: 2, maximum: 3, description: 'availability zones the brokers spread over' }),
    perZone: Type.Integer({ minimum: 1, maximum: 10, description: 'brokers in each of those zones' }),
    storageGiB: Type.Integer({ minimum: 1, maximum: 16_384, description: 'EBS storage per broker' }),
  }),
});

export const PostgresSection = strictObject({
  host: patternString('^[a-zA-Z0-9.-]+$', 'a host name'),
  port: port('the PostgreSQL port'),
  database: patternString('^[a-z_][a-z0-9_]{0,62}$', 'a PostgreSQL database name'),
  // A reference to a Secret that holds the credentials; env.yaml never carries a secret value.
  credentialsSecret: strictObject({
    name: dnsLabel,
    usernameKey: patternString('^[-._a-zA-Z0-9]+$', 'a key in the Secret'),
    passwordKey: patternString('^[-._a-zA-Z0-9]+$', 'a key in the Secret'),
    remoteKey: patternString('^[A-Za-z0-9/_+=.@-]{1,512}$', 'the name of the secret in AWS Secrets Manager'),
  }),
  // The RDS instance infra/ creates.
  instance: strictObject({
    engineVersion: patternString('^[0-9]+(\\.[0-9]+)?$', 'a PostgreSQL major or major.minor version such as 16.4'),
    instanceClass: patternString('^db\\.[a-z0-9]+\\.[a-z0-9]+$', 'an RDS instance class such as db.m6g.large'),
    storageGiB: Type.Integer({ minimum: 20, maximum: 65_536, description: 'allocated gp3 storage' }),
    maxStorageGiB: Type.Integer({ minimum: 20, maximum: 65_536, description: 'storage autoscaling ceiling' }),
    multiAz: Type.Boolean({ description: 'a synchronous standby in another zone' }),
    deletionProtection: Type.Boolean({ description: 'refuse deletion until turned off' }),
  }),
  // The RDS parameter group's defaults, and the services' own sessions' (rendered into their settings).
  timeouts: strictObject({
    statementMs: Type.Integer({ minimum: 100, description: 'statement_timeout: the longest one statement may run' }),
    lockMs: Type.Integer({ minimum: 100, description: 'lock_timeout: the longest a statement waits for a lock' }),
    idleInTransactionMs: Type.Integer({
      minimum: 1000,
      description: 'idle_in_transaction_session_timeout: a transaction left open this long is ended',
    }),
  }),
});
