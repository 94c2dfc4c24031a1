import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EnvConfig } from '../../config/schema.js';
import {
  API_CALLER_TOKEN,
  API_CALLER_TOKEN_KEY,
  API_CLIENT_TOKENS,
  API_CLIENT_TOKENS_KEY,
} from '../../generators/components/secrets.js';
import { cacheDir } from '../../policies/schemas/build.js';
import type { StackSettings } from '../stack/settings.js';
import { startControlPlane } from '../sync/control-plane.js';
import type { ClusterFactory, RehearsalCluster } from '../sync/rehearse.js';
import { freeLoopbackPorts } from '../sync/ports.js';
import { startClusterDns } from './cluster-dns.js';
import type { Containerd } from './containerd.js';
import { importImage, startContainerd } from './containerd.js';
import { rewriteKafkaAuthIn } from './kafka-auth-rewrite.js';
import { startNode } from './node.js';
import { NODE_NETWORK, cniConfig, createNodeNetwork } from './node-network.js';
import { networkNamespaces, tearDownNode } from './node-teardown.js';
import { PAUSE_IMAGE, pauseImageArchive } from './pause-image.js';
import { diagnosePods, keepPodLogs } from './pod-diagnosis.js';
import type { StandInCa } from './stand-in-ca.js';
import type { StandInBroker } from './stand-in-kafka.js';
import { startStandInKafka } from './stand-in-kafka.js';
import { startStandInPostgres } from './stand-in-postgres.js';
import { writeStandInSecrets } from './stand-in-secrets.js';

/** Where containerd keeps its images between runs: an unchanged image is not imported again. */
export const CONTAINERD_ROOT = path.join(cacheDir, 'deploy-check', 'containerd');

/** A broker's address on the node network: away from the pods' range (host-local hands out .10 to .200). */
const brokerAddress = (id: number): string => NODE_NETWORK.nodeIp.replace(/\.1$/, `.${250 + id}`);

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
    return { id: i + 1, name: name!, port: Number(port), address: brokerAddress(i + 1), hostPort: hostPorts[i]! };
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
    const namespacesBefore = networkNamespaces();
    createNodeNetwork();
    const cniDir = path.join(dir, 'cni');
    fs.mkdirSync(cniDir, { recursive: true });
    fs.writeFileSync(path.join(cniDir, '10-deploy-check.conflist'), cniConfig(path.join(dir, 'cni-ipam')));
    const containerd = await startContainerd(group, CONTAINERD_ROOT, path.join(dir, 'containerd'), cniDir);
    let podLogsDir = '';
    const stop = async (): Promise<void> => {
      await group.stop('kubelet');
      await group.stop('kube-proxy');
      tearDownNode(containerd, [dir, CONTAINERD_ROOT], namespacesBefore);
    };
    try {
      importImage(containerd, pauseImageArchive(), PAUSE_IMAGE);
      await options.loadImages(containerd);
      const plane = await startControlPlane(dir, group, log, { address: NODE_NETWORK.nodeIp, fakeNodes: false });
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
      const node = await startNode(dir, group, plane, containerd, log);
      podLogsDir = node.podLogsDir;
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
        description: `control plane and one real node ready in ${options.timings.nodeReadySeconds.toFixed(0)} s`,
        rewrite: (repoDir) => rewriteKafkaAuthIn(repoDir, options.env),
        whileSyncing: () => writeStandInSecrets(plane.client, known),
        afterSync: () => options.afterSync({ cluster, podLogsDir, postgres, kafka }),
        diagnose: async () => {
          keepPodLogs(podLogsDir, options.podLogsTarget);
          return diagnosePods(plane.client, config.namespace, podLogsDir);
        },
        stop,
      };
      return cluster;
    } catch (error) {
      if (podLogsDir) keepPodLogs(podLogsDir, options.podLogsTarget);
      await stop();
      throw error;
    }
  };
}
