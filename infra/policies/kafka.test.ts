import { describe, expect, it } from 'vitest';
import { recordedEnvironment, withChangedInputs } from '../testing/environments.js';
import { kafkaRefusesPlaintextAndAnonymous, kafkaReplicationMatchesTopics } from './kafka.js';
import { TYPES } from './policy.js';

describe('MSK refuses plaintext and unauthenticated clients', () => {
  it('fails a cluster that also offers plaintext and an unauthenticated listener', async () => {
    const resources = withChangedInputs(await recordedEnvironment('prod'), TYPES.kafkaCluster, (i) => {
      i.encryptionInfo.encryptionInTransit.clientBroker = 'TLS_PLAINTEXT';
      i.clientAuthentication.unauthenticated = true;
    });
    expect(kafkaRefusesPlaintextAndAnonymous.check(resources).map((v) => v.message)).toStrictEqual([
      'cluster events-prod lets clients connect without TLS (clientBroker: TLS_PLAINTEXT)',
      'cluster events-prod does not turn the unauthenticated listener off',
    ]);
  });

  it('fails a cluster with no authenticating listener and public brokers', async () => {
    const resources = withChangedInputs(await recordedEnvironment('prod'), TYPES.kafkaCluster, (i) => {
      i.clientAuthentication.sasl.iam = false;
      i.brokerNodeGroupInfo.connectivityInfo.publicAccess.type = 'SERVICE_PROVIDED_EIPS';
    });
    expect(kafkaRefusesPlaintextAndAnonymous.check(resources).map((v) => v.message)).toStrictEqual([
      'cluster events-prod has no authenticating listener (IAM or mutual TLS)',
      'cluster events-prod gives brokers public addresses',
    ]);
  });
});

describe('MSK settings keep acks=all writes durable and available', () => {
  it('fails min.insync.replicas equal to the replication factor, and unclean leader election', async () => {
    const resources = withChangedInputs(await recordedEnvironment('prod'), TYPES.kafkaConfiguration, (i) => {
      i.serverProperties = String(i.serverProperties)
        .replace('min.insync.replicas=2', 'min.insync.replicas=3')
        .replace('unclean.leader.election.enable=false', 'unclean.leader.election.enable=true');
    });
    expect(kafkaReplicationMatchesTopics.check(resources).map((v) => v.message)).toStrictEqual([
      'min.insync.replicas 3 is not below the replication factor 3: one broker down stops every write',
      'unclean leader election may lose acknowledged writes',
    ]);
  });

  it('fails a replication factor above the broker count', async () => {
    const resources = withChangedInputs(
      await recordedEnvironment('dev'),
      TYPES.kafkaCluster,
      (i) => (i.numberOfBrokerNodes = 1),
    );
    expect(kafkaReplicationMatchesTopics.check(resources).map((v) => v.message)).toStrictEqual([
      'default.replication.factor 2 needs more than the 1 brokers',
    ]);
  });
});
