import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { PREREQUISITES } from './argocd.js';
import { renderEnvironment } from '../render/environment.js';

const { config } = loadEnvironment(repoRoot, 'prod');
const { workloads, argocd } = renderEnvironment(config, {});
const named = (kind: string, name: string) => workloads.find((o) => o.kind === kind && o.metadata.name === name) as any;

describe('the in-cluster bootstrap (prod)', () => {
  it('migrates and creates the topics in a PreSync hook that fails the sync when it fails', () => {
    const job = named('Job', 'bootstrap');
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PreSync');
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toStrictEqual(['node', 'dist/services/bootstrap/main.js']);
    const topics = JSON.parse(container.env.find((e: any) => e.name === 'TOPICS').value);
    expect(topics[0]).toStrictEqual({
      name: 'ledger-events',
      partitions: config.kafka.topic.partitions,
      replicationFactor: config.kafka.topic.replicationFactor,
      minInsyncReplicas: config.kafka.topic.minInsyncReplicas,
      retentionMs: config.kafka.topic.retentionHours * 3_600_000,
    });
  });

  it('starts no worker before its schema is migrated', () => {
    const init = named('Deployment', 'worker').spec.template.spec.initContainers;
    expect(init.map((c: any) => c.command)).toStrictEqual([['node', 'dist/services/bootstrap/schema-ready.js']]);
  });

  it('reaches MSK with TLS and IAM, from the services and from KEDA', () => {
    expect(named('ConfigMap', 'worker-settings').data.KAFKA_AUTH).toBe('aws-msk-iam');
    const trigger = named('ScaledObject', 'worker').spec.triggers[0];
    expect(trigger.metadata).toMatchObject({ tls: 'enable', sasl: 'oauthbearer', saslTokenProvider: 'aws_msk_iam' });
    expect(named('TriggerAuthentication', trigger.authenticationRef.name).spec.podIdentity).toStrictEqual({
      provider: 'aws',
      identityOwner: 'keda',
    });
  });

  it('syncs what the hook needs (namespace, identities, policies, credentials) in an earlier Application', () => {
    const prerequisites = argocd.find((o) => o.metadata.name === 'prod-event-platform-prerequisites') as any;
    expect(prerequisites.spec.source.directory.include).toBe(PREREQUISITES);
    const platform = argocd.find((o) => o.metadata.name === 'prod-event-platform') as any;
    expect(platform.spec.source.directory.exclude).toBe(PREREQUISITES);
  });
});
