import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { stopIdleRequestQueueTimers } from '../../services/shared/kafka/request-queue-timer.js';
import type { StackSettings } from './settings.js';
import { BROKER_COUNTS } from './settings.js';
import {
  commandLine,
  isAlive,
  portAcceptsConnections,
  readPid,
  startDetached,
  stopProcess,
  tail,
  waitUntil,
} from './processes.js';

/**
 * Combined broker+controller nodes in KRaft mode, run from Kafka's own jars with `java`: one by default, or a cluster
 * of three (three controller voters, brokers on consecutive ports) with prod's replication for the internal topics.
 */
export interface KafkaPaths {
  readonly home: string;
  readonly libs: string;
  readonly config: string;
  readonly log4j: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly pidFile: string;
}

/** One node of the local Kafka: its id (1-based), its ports and its files. */
export interface KafkaNode {
  readonly id: number;
  readonly port: number;
  readonly controllerPort: number;
  readonly paths: KafkaPaths;
}

function pathsUnder(s: StackSettings, home: string): KafkaPaths {
  return {
    home,
    libs: path.join(s.cacheDir, 'kafka', s.kafkaVersion, 'libs'),
    config: path.join(home, 'server.properties'),
    log4j: path.join(home, 'log4j.properties'),
    dataDir: path.join(home, 'data'),
    logFile: path.join(home, 'broker.log'),
    pidFile: path.join(home, 'broker.pid'),
  };
}

function clusterHome(s: StackSettings): string {
  return path.join(s.stackDir, 'kafka-cluster');
}

/** The nodes of the stack's Kafka as its settings describe it (a lone broker keeps the layout it always had). */
export function kafkaNodes(s: StackSettings): KafkaNode[] {
  if (s.kafkaBrokers === 1) {
    return [
      {
        id: 1,
        port: s.kafkaPort,
        controllerPort: s.kafkaControllerPort,
        paths: pathsUnder(s, path.join(s.stackDir, 'kafka')),
      },
    ];
  }
  const nodes = Array.from({ length: s.kafkaBrokers }, (_, i) => ({
    id: i + 1,
    port: s.kafkaPort + i,
    controllerPort: s.kafkaClusterControllerPort + i,
    paths: pathsUnder(s, path.join(clusterHome(s), `node-${i + 1}`)),
  }));
  // Both ranges are consecutive from a setting each: overlapping, a broker and a controller would fight for a port and
  // the cluster would not start, with nothing but a bind error deep in one node's log.
  for (const broker of nodes) {
    const controller = nodes.find((n) => n.controllerPort === broker.port);
    if (controller) {
      throw new Error(
        `the local Kafka would listen twice on port ${broker.port} (broker ${broker.id} and controller ${controller.id}): set STACK_KAFKA_CLUSTER_CONTROLLER_PORT at least ${s.kafkaBrokers} away from STACK_KAFKA_PORT`,
      );
    }
  }
  return nodes;
}

/** The node with this id (1-based), or an error naming the ids there are. */
export function kafkaNode(s: StackSettings, id: number): KafkaNode {
  const node = kafkaNodes(s).find((n) => n.id === id);
  if (!node) throw new Error(`there is no broker ${id}: the local Kafka has brokers 1..${s.kafkaBrokers}`);
  return node;
}

/** The first node's files (the lone broker's): what the benchmark reads. */
export function kafkaPaths(s: StackSettings): KafkaPaths {
  return kafkaNodes(s)[0]!.paths;
}

export function serverProperties(s: StackSettings, node: KafkaNode): string {
  const nodes = kafkaNodes(s);
  // A lone broker must hold every internal topic alone; a cluster replicates them as prod does (3 copies, 2 in sync).
  const replicas = Math.min(nodes.length, 3);
  const minInsync = replicas > 1 ? 2 : 1;
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': node.id,
    'controller.quorum.voters': nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(','),
    listeners: `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': node.paths.dataDir,
    'num.partitions': 1,
    'default.replication.factor': replicas,
    'min.insync.replicas': minInsync,
    'offsets.topic.replication.factor': replicas,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minInsync,
    'offsets.topic.num.partitions': 10,
    // Groups form at once instead of waiting 3 s for more members: scaling tests join and leave often.
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'log.retention.hours': 24,
  };
  return propertiesText(props);
}

/** A Java properties file's text, one `key=value` a line. */
export function propertiesText(props: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(props)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

export const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
`;

/** The `java` arguments that run one of Kafka's main classes from the jars, with a log configuration. */
export function javaArgs(
  p: Pick<KafkaPaths, 'libs' | 'log4j'>,
  heap: string,
  mainClass: string,
  args: string[],
): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${p.log4j}`,
    '-cp',
    `${p.libs}/*`,
    mainClass,
    ...args,
  ];
}

/** Kafka's cluster id: 16 random bytes in URL-safe base64 without padding, as `StorageTool random-uuid` prints. */
export function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}

/** Every node of one cluster is formatted with the same id, kept beside them so a node added later matches. */
function clusterId(s: StackSettings): string {
  if (s.kafkaBrokers === 1) return newClusterId();
  const file = path.join(clusterHome(s), 'cluster-id');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(clusterHome(s), { recursive: true });
    fs.writeFileSync(file, `${newClusterId()}\n`);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function formatStorage(p: KafkaPaths, id: string): void {
  if (fs.existsSync(path.join(p.dataDir, 'meta.properties'))) return;
  execFileSync('java', javaArgs(p, '256m', 'kafka.tools.StorageTool', ['format', '-t', id, '-c', p.config]), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The pid of a node we started and that still runs. */
export function ourBrokerPid(p: KafkaPaths): number | undefined {
  const pid = readPid(p.pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  // A reused pid belongs to someone else: only a java process reading our config is ours.
  return commandLine(pid).includes(p.config) ? pid : undefined;
}

/** True once the cluster answers: every node registered, a controller elected, the group coordinator loaded. */
export async function kafkaAnswers(s: StackSettings): Promise<boolean> {
  const nodes = kafkaNodes(s);
  if (!(await portAcceptsConnections(nodes[0]!.port))) return false;
  // As the services' clients do (services/shared/kafka/client.ts): kafkajs's idle timer otherwise warns in every tool.
  stopIdleRequestQueueTimers();
  const admin = new Kafka({
    clientId: 'stack-health',
    brokers: nodes.map((n) => `127.0.0.1:${n.port}`),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    // A group call needs the group coordinator, which on a fresh broker is still loading for a few seconds;
    // waiting for it here spares every client the "coordinator is loading" retries.
    await admin.describeGroups(['stack-health']);
    return cluster.brokers.length === nodes.length && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function requireJars(s: StackSettings): void {
  const libs = kafkaPaths(s).libs;
  if (!fs.existsSync(path.join(libs, `kafka_2.13-${s.kafkaVersion}.jar`))) {
    throw new Error(`Kafka ${s.kafkaVersion} is not installed in ${libs}; run: bash tools/install/kafka.sh`);
  }
}

// Three nodes on two cores: each gets less heap than a lone broker, about 1 GiB for the cluster.
const heapFor = (s: StackSettings): string => (s.kafkaBrokers === 1 ? '512m' : '384m');

/** Starts one node (unless it runs already) without waiting for it to answer; returns its pid. */
export async function launchNode(s: StackSettings, node: KafkaNode): Promise<number> {
  const p = node.paths;
  const running = ourBrokerPid(p);
  if (running !== undefined) return running;
  if (await portAcceptsConnections(node.port)) {
    throw new Error(`port ${node.port} is taken by another process; set STACK_KAFKA_PORT to a free port`);
  }
  fs.mkdirSync(p.dataDir, { recursive: true });
  fs.writeFileSync(p.config, serverProperties(s, node));
  fs.writeFileSync(p.log4j, LOG4J);
  formatStorage(p, clusterId(s));
  const pid = startDetached('java', javaArgs(p, heapFor(s), 'kafka.Kafka', [p.config]), p.logFile);
  fs.writeFileSync(p.pidFile, `${pid}\n`);
  return pid;
}

function logTails(s: StackSettings): string {
  return kafkaNodes(s)
    .map((n) => `broker ${n.id} (${n.paths.logFile}):\n${tail(n.paths.logFile)}`)
    .join('\n');
}

/** Waits until the whole cluster answers; fails at once, with its log, if a node exits. */
export async function waitForKafka(s: StackSettings, timeoutMs: number): Promise<void> {
  const nodes = kafkaNodes(s);
  await waitUntil(
    async () => {
      for (const n of nodes) {
        if (ourBrokerPid(n.paths) === undefined) {
          throw new Error(`Kafka broker ${n.id} exited during start-up:\n${tail(n.paths.logFile)}`);
        }
      }
      return kafkaAnswers(s);
    },
    timeoutMs,
    () => `the local Kafka (${nodes.length} broker(s)) did not answer within ${timeoutMs / 1000} s:\n${logTails(s)}`,
  );
}

export async function startKafka(s: StackSettings): Promise<'started' | 'already running'> {
  requireJars(s);
  const nodes = kafkaNodes(s);
  const alreadyRunning = nodes.every((n) => ourBrokerPid(n.paths) !== undefined);
  for (const node of nodes) await launchNode(s, node);
  await waitForKafka(s, alreadyRunning ? 60_000 : 90_000 * nodes.length);
  return alreadyRunning ? 'already running' : 'started';
}

/** Stops one node: a controlled shutdown (leadership moves first), SIGKILL only if it hangs. */
export async function stopNode(node: KafkaNode): Promise<boolean> {
  const pid = ourBrokerPid(node.paths);
  fs.rmSync(node.paths.pidFile, { force: true });
  if (pid === undefined) return false;
  await stopProcess(pid, 30_000);
  return true;
}

/** Stops every node this stack started, in either layout (one broker or a cluster). */
export async function stopKafka(s: StackSettings): Promise<'stopped' | 'not running'> {
  const layouts = BROKER_COUNTS.map((kafkaBrokers) => ({ ...s, kafkaBrokers }));
  // Together, not one by one: the last brokers of a cluster otherwise wait for a quorum that is gone.
  const results = await Promise.all(layouts.flatMap((l) => kafkaNodes(l)).map((n) => stopNode(n)));
  return results.some(Boolean) ? 'stopped' : 'not running';
}

/** Which of the configured nodes run (by id). */
export function runningNodes(s: StackSettings): number[] {
  return kafkaNodes(s)
    .filter((n) => ourBrokerPid(n.paths) !== undefined)
    .map((n) => n.id);
}

export function kafkaRunning(s: StackSettings): boolean {
  return runningNodes(s).length > 0;
}

/** Whether a stack of the other layout runs (a lone broker while a cluster is asked for, or the reverse). */
export function otherLayoutRunning(s: StackSettings): number | undefined {
  return BROKER_COUNTS.filter((count) => count !== s.kafkaBrokers).find((count) =>
    kafkaRunning({ ...s, kafkaBrokers: count }),
  );
}
