import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, ofType, violation } from './policy.js';

const CLIENTS = 'MSK refuses plaintext and unauthenticated clients';

/**
 * Clients speak TLS (explicitly: no TLS_PLAINTEXT or PLAINTEXT listener), brokers replicate over TLS, every client
 * authenticates (IAM or mutual TLS; the unauthenticated listener is off), and no broker has a public address.
 */
export const kafkaRefusesPlaintextAndAnonymous: InfraPolicy = {
  name: CLIENTS,
  check(resources) {
    const violations: Violation[] = [];
    for (const msk of ofType(resources, TYPES.kafkaCluster)) {
      const name = String(msk.inputs.clusterName);
      const transit = msk.inputs.encryptionInfo?.encryptionInTransit;
      if (transit?.clientBroker !== 'TLS') {
        violations.push(
          violation(
            CLIENTS,
            msk,
            `cluster ${name} lets clients connect without TLS (clientBroker: ${String(transit?.clientBroker ?? 'unset')})`,
          ),
        );
      }
      if (transit?.inCluster === false)
        violations.push(violation(CLIENTS, msk, `cluster ${name} replicates between brokers in plaintext`));
      const auth = msk.inputs.clientAuthentication;
      if (auth?.unauthenticated !== false) {
        violations.push(violation(CLIENTS, msk, `cluster ${name} does not turn the unauthenticated listener off`));
      }
      if (auth?.sasl?.iam !== true && !auth?.tls) {
        violations.push(violation(CLIENTS, msk, `cluster ${name} has no authenticating listener (IAM or mutual TLS)`));
      }
      const publicAccess = msk.inputs.brokerNodeGroupInfo?.connectivityInfo?.publicAccess?.type;
      if (publicAccess !== undefined && publicAccess !== 'DISABLED') {
        violations.push(violation(CLIENTS, msk, `cluster ${name} gives brokers public addresses`));
      }
    }
    return violations;
  },
};

const REPLICATION = 'MSK settings keep acks=all writes durable and available';

function properties(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

/**
 * The broker defaults match the topics: as many brokers as copies, min.insync.replicas below the replication factor
 * (one broker may restart under acks=all), no unclean leader election, no topics created by a typo.
 */
export const kafkaReplicationMatchesTopics: InfraPolicy = {
  name: REPLICATION,
  check(resources) {
    const violations: Violation[] = [];
    const configurations = ofType(resources, TYPES.kafkaConfiguration);
    for (const msk of ofType(resources, TYPES.kafkaCluster)) {
      const configuration = configurations.find((c) => c.inputs.name === msk.inputs.clusterName);
      if (!configuration) {
        violations.push(
          violation(
            REPLICATION,
            msk,
            `cluster ${String(msk.inputs.clusterName)} runs on MSK's defaults, not a configuration of its own`,
          ),
        );
        continue;
      }
      const props = properties(String(configuration.inputs.serverProperties ?? ''));
      const brokers = Number(msk.inputs.numberOfBrokerNodes);
      const replication = Number(props.get('default.replication.factor'));
      const minInsync = Number(props.get('min.insync.replicas'));
      if (!(replication <= brokers)) {
        violations.push(
          violation(
            REPLICATION,
            configuration,
            `default.replication.factor ${replication} needs more than the ${brokers} brokers`,
          ),
        );
      }
      if (replication > 1 && !(minInsync < replication)) {
        violations.push(
          violation(
            REPLICATION,
            configuration,
            `min.insync.replicas ${minInsync} is not below the replication factor ${replication}: one broker down stops every write`,
          ),
        );
      }
      if (props.get('unclean.leader.election.enable') !== 'false') {
        violations.push(violation(REPLICATION, configuration, 'unclean leader election may lose acknowledged writes'));
      }
      if (props.get('auto.create.topics.enable') !== 'false') {
        violations.push(
          violation(REPLICATION, configuration, 'topics are created on first use, with default settings'),
        );
      }
    }
    return violations;
  },
};
