import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../../../tools/local/ports.js';
import { LOG4J, javaArgs, newClusterId, propertiesText } from '../../../tools/stack/kafka.js';
import { startDetached, stopProcess, tail, waitUntil } from '../../../tools/stack/processes.js';
import { loadStackSettings } from '../../../tools/stack/stack.js';

/**
 * A broker of its own whose client listener takes SASL/OAUTHBEARER only, the mechanism MSK IAM rides on. Kafka's
 * unsecured-token validator (the default for OAUTHBEARER when no other is configured) stands in for MSK's IAM check:
 * it accepts an unsigned JWT with a subject and an expiry, so a test can hand each client a token provider it counts.
 * `sessionLifetimeMs` is the broker's connections.max.reauth.ms: a client must authenticate again on each open
 * connection before it passes (KIP-368), or the broker closes the connection at its next request.
 */
export interface OAuthBearerBroker {
  readonly bootstrap: string;
  stop(): Promise<void>;
}

/** An unsigned JWT (`alg: none`) the unsecured validator accepts for an hour. */
export function unsecuredToken(subject: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none' })}.${part({ sub: subject, iat: now, exp: now + 3600 })}.`;
}

export async function startOAuthBearerBroker(sessionLifetimeMs: number): Promise<OAuthBearerBroker> {
  const stack = loadStackSettings();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oauthbearer-broker-'));
  const [clients, internal, controller] = [await freePort(), await freePort(), await freePort()];
  const files = {
    libs: path.join(stack.cacheDir, 'kafka', stack.kafkaVersion, 'libs'),
    log4j: path.join(home, 'log4j.properties'),
    config: path.join(home, 'server.properties'),
    log: path.join(home, 'broker.log'),
  };
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controller}`,
    listeners: `CLIENTS://127.0.0.1:${clients},INTERNAL://127.0.0.1:${internal},CONTROLLER://127.0.0.1:${controller}`,
    'advertised.listeners': `CLIENTS://127.0.0.1:${clients},INTERNAL://127.0.0.1:${internal}`,
    'listener.security.protocol.map': 'CLIENTS:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'INTERNAL',
    'controller.listener.names': 'CONTROLLER',
    'sasl.enabled.mechanisms': 'OAUTHBEARER',
    'listener.name.clients.oauthbearer.sasl.jaas.config':
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="broker";',
    'connections.max.reauth.ms': sessionLifetimeMs,
    'log.dirs': path.join(home, 'data'),
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'false',
  };
  fs.writeFileSync(files.config, propertiesText(props));
  fs.writeFileSync(files.log4j, LOG4J);
  execFileSync(
    'java',
    javaArgs(files, '256m', 'kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', files.config]),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = startDetached('java', javaArgs(files, '384m', 'kafka.Kafka', [files.config]), files.log);
  const bootstrap = `127.0.0.1:${clients}`;
  const stop = async () => {
    await stopProcess(pid, 10_000);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      async () => {
        const admin = new Kafka({
          clientId: 'oauthbearer-broker-probe',
          brokers: [bootstrap],
          logLevel: logLevel.NOTHING,
          retry: { retries: 0 },
          sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: unsecuredToken('probe') }) },
        }).admin();
        try {
          await admin.connect();
          await admin.describeCluster();
          return true;
        } catch {
          return false;
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
      60_000,
      () => `the OAUTHBEARER broker did not answer within 60 s:\n${tail(files.log)}`,
      500,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { bootstrap, stop };
}
