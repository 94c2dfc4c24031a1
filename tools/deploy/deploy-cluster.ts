import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { EnvConfig } from '../../config/schema.js';
import {
  API_CALLER_TOKEN,
  API_CALLER_TOKEN_KEY,
  API_CLIENT_TOKENS,
  API_CLIENT_TOKENS_KEY,
} from '../../generators/components/secrets.js';
import type { StackSettings } from '../stack/settings.js';
import type { ClusterFactory, RehearsalCluster } from '../sync/rehearse.js';
import { freeLoopbackPorts } from '../sync/ports.js';
import { startClusterDns } from './cluster-dns.js';
import type { Containerd } from './containerd.js';
import { rewriteKafkaAuthIn } from './kafka-auth-rewrite.js';
import { NODE_NETWORK, standInAddress } from './node-network.js';
import { startRealNode } from './real-node.js';
import { diagnosePods, keepPodLogs } from './pod-diagnosis.js';
import type { StandInCa } from './stand-in-ca.js';
import type { StandInBroker } from './stand-in-kafka.js';
import { startStandInKafka } from './stand-in-kafka.js';
import { startStandInPostgres } from './stand-in-postgres.js';
import { writeStandInSecrets } from './stand-in-secrets.js';

/** A broker's address on the node network: away from the pods' range (host-local hands out .10 to .200). */

export interface NodeTimings {
  nodeReadySeconds?: number;
}

export interface DeployClusterOptions {
  readonly env: string;
  readonly config: EnvConfig;
  readonly stack: StackSettings;
  readonly ca: StandInCa;
  /** Loads the environment's images into the node's containerd (already built: a load only). */
  readonly loadImages: (containerd: Containerd) => Promise<void>;
  /** What runs once Argo CD synced the environment and every Application is Healthy. */
  readonly afterSync: (ctx: DeployContext) => Promise<{ failures: string[]; notes: string[] }>;
  /** Where a failed run's container logs are copied. */
  readonly podLogsTarget: string;
  readonly timings: NodeTimings;
}

export interface DeployContext {
  readonly cluster: RehearsalCluster;
  readonly podLogsDir: string;
  readonly postgres: Awaited<ReturnType<typeof startStandInPostgres>>;
  readonly kafka: Awaited<ReturnType<typeof startStandInKafka>>;
}

/** The rendered bootstrap servers as stand-in brokers, one each, at the rendered name and port. */
export function standInBrokers(bootstrapServers: string[], hostPorts: number[]): StandInBroker[] {
  return bootstrapServers.map((server, i) => {
    const [name, port] = server.split(':');
    return { id: i + 1, name: name!, port: Number(port), address: standInAddress(i + 1), hostPort: hostPorts[i]! };
  });
}

/**
 * The deploy rehearsal's cluster: the sync rehearsal's control plane served on the node's address, one real node
 * (kubelet, kube-proxy, containerd and runc, the bridge CNI, CoreDNS), the local stand-ins for MSK and RDS on the node
 * network under their rendered names, and the Secrets External Secrets would have written.
 */
export function deployCluster(options: DeployClusterOptions): ClusterFactory {
  return async (dir, group, log) => {
    const { config } = options;
    const started = Date.now();
    const node = await startRealNode(dir, group, log, options.loadImages);
    const { plane, podLogsDir } = node;
    try {
      const brokersNeeded = Math.max(
        config.kafka.topic.replicationFactor,
        config.kafka.deadLetterTopic.replicationFactor,
      );
      if (config.kafka.bootstrapServers.length < brokersNeeded) {
        throw new Error(
          `kafka.bootstrapServers names ${config.kafka.bootstrapServers.length} brokers but the topics need ${brokersNeeded} (replicationFactor)`,
        );
      }
      const ports = await freeLoopbackPorts(['controller', ...config.kafka.bootstrapServers.map((_, i) => `host${i}`)]);
      const brokers = standInBrokers(
        config.kafka.bootstrapServers,
        config.kafka.bootstrapServers.map((_, i) => ports[`host${i}`]!),
      );
      for (const b of brokers) execFileSync('ip', ['addr', 'add', `${b.address}/32`, 'dev', NODE_NETWORK.bridge]);
      const postgres = await startStandInPostgres({
        stack: options.stack,
        home: path.join(options.stack.stackDir, 'deploy-check-postgres'),
        group,
        address: NODE_NETWORK.nodeIp,
        port: config.postgres.port,
        host: config.postgres.host,
        database: config.postgres.database,
        ca: options.ca,
      });
      log(
        `stand-in: PostgreSQL (TLS only, verify-full against the rehearsal's CA) as ${config.postgres.host}:${config.postgres.port}`,
      );
      const kafka = await startStandInKafka({
        stack: options.stack,
        home: path.join(dir, 'kafka'),
        group,
        brokers,
        controllerPort: ports.controller!,
      });
      log(
        `stand-in: Kafka, ${brokers.length} brokers (plaintext, no IAM login) as ${config.kafka.bootstrapServers.join(', ')}`,
      );
      const hosts: Record<string, string> = { [config.postgres.host]: NODE_NETWORK.nodeIp };
      for (const b of brokers) hosts[b.name] = b.address;
      await startClusterDns(dir, group, plane, NODE_NETWORK.nodeIp, hosts);
      options.timings.nodeReadySeconds = (Date.now() - started) / 1000;
      const secret = config.postgres.credentialsSecret;
      // The platform's own caller token, and its digest among the tokens the API admits, as the runbook sets them.
      const callerToken = crypto.randomBytes(24).toString('hex');
      const known: Record<string, Record<string, string>> = {
        [secret.name]: { [secret.usernameKey]: postgres.user, [secret.passwordKey]: postgres.password },
        [API_CALLER_TOKEN]: { [API_CALLER_TOKEN_KEY]: callerToken },
        [API_CLIENT_TOKENS]: {
          [API_CLIENT_TOKENS_KEY]: crypto.createHash('sha256').update(callerToken).digest('hex'),
        },
      };
      const cluster: RehearsalCluster = {
        plane,
        description: `control plane, one real node and the stand-ins ready in ${options.timings.nodeReadySeconds.toFixed(0)} s`,
        rewrite: (repoDir) => rewriteKafkaAuthIn(repoDir, options.env),
        whileSyncing: () => writeStandInSecrets(plane.client, known),
        afterSync: () => options.afterSync({ cluster, podLogsDir, postgres, kafka }),
        diagnose: async () => {
          keepPodLogs(podLogsDir, options.podLogsTarget);
          return diagnosePods(plane.client, config.namespace, podLogsDir);
        },
        stop: node.stop,
      };
      return cluster;
    } catch (error) {
      keepPodLogs(podLogsDir, options.podLogsTarget);
      await node.stop();
      throw error;
    }
  };
}
