import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackSettings } from './settings.js';
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

/** A single combined broker+controller in KRaft mode, run from Kafka's own jars with `java`. */
export interface KafkaPaths {
  readonly home: string;
  readonly libs: string;
  readonly config: string;
  readonly log4j: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly pidFile: string;
}

export function kafkaPaths(s: StackSettings): KafkaPaths {
  const home = path.join(s.stackDir, 'kafka');
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

export function serverProperties(s: StackSettings, p: KafkaPaths): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${s.kafkaControllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${s.kafkaPort},CONTROLLER://127.0.0.1:${s.kafkaControllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${s.kafkaPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': p.dataDir,
    'num.partitions': 1,
    // One broker: every internal topic must fit on it, or the group coordinator never becomes available.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'offsets.topic.num.partitions': 10,
    // Groups form at once instead of waiting 3 s for more members: scaling tests join and leave often.
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'log.retention.hours': 24,
  };
  return Object.entries(props)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
`;

function javaArgs(p: KafkaPaths, heap: string, mainClass: string, args: string[]): string[] {
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
function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}

function formatStorage(p: KafkaPaths): void {
  if (fs.existsSync(path.join(p.dataDir, 'meta.properties'))) return;
  execFileSync(
    'java',
    javaArgs(p, '256m', 'kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', p.config]),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function ourBrokerPid(p: KafkaPaths): number | undefined {
  const pid = readPid(p.pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  // A reused pid belongs to someone else: only a java process reading our config is ours.
  return commandLine(pid).includes(p.config) ? pid : undefined;
}

export async function kafkaAnswers(s: StackSettings): Promise<boolean> {
  if (!(await portAcceptsConnections(s.kafkaPort))) return false;
  const admin = new Kafka({
    clientId: 'stack-health',
    brokers: [`127.0.0.1:${s.kafkaPort}`],
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
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function startKafka(s: StackSettings): Promise<'started' | 'already running'> {
  const p = kafkaPaths(s);
  if (!fs.existsSync(path.join(p.libs, `kafka_2.13-${s.kafkaVersion}.jar`))) {
    throw new Error(`Kafka ${s.kafkaVersion} is not installed in ${p.libs}; run: bash tools/install/kafka.sh`);
  }
  if (ourBrokerPid(p) !== undefined) {
    await waitUntil(
      () => kafkaAnswers(s),
      60_000,
      () => `Kafka is running but does not answer:\n${tail(p.logFile)}`,
    );
    return 'already running';
  }
  if (await portAcceptsConnections(s.kafkaPort)) {
    throw new Error(`port ${s.kafkaPort} is taken by another process; set STACK_KAFKA_PORT to a free port`);
  }
  fs.mkdirSync(p.dataDir, { recursive: true });
  fs.writeFileSync(p.config, serverProperties(s, p));
  fs.writeFileSync(p.log4j, LOG4J);
  formatStorage(p);
  const pid = startDetached('java', javaArgs(p, '512m', 'kafka.Kafka', [p.config]), p.logFile);
  fs.writeFileSync(p.pidFile, `${pid}\n`);
  await waitUntil(
    async () => {
      if (!isAlive(pid)) throw new Error(`the Kafka broker exited during start-up:\n${tail(p.logFile)}`);
      return kafkaAnswers(s);
    },
    90_000,
    () => `the Kafka broker did not answer within 90 s:\n${tail(p.logFile)}`,
  );
  return 'started';
}

export async function stopKafka(s: StackSettings): Promise<'stopped' | 'not running'> {
  const p = kafkaPaths(s);
  const pid = ourBrokerPid(p);
  fs.rmSync(p.pidFile, { force: true });
  if (pid === undefined) return 'not running';
  // A controlled shutdown moves nothing on one broker, so it is quick; SIGKILL only if it hangs.
  await stopProcess(pid, 30_000);
  return 'stopped';
}

export function kafkaRunning(s: StackSettings): boolean {
  return ourBrokerPid(kafkaPaths(s)) !== undefined;
}
