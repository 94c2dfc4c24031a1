import { beforeAll, describe, expect, it } from 'vitest';
import type { EnvConfig } from '../../config/schema.js';
import { repoRoot } from '../../config/paths.js';
import { committedConfig, recordedEnvironment } from '../testing/environments.js';
import type { RecordedResource } from '../testing/mocks.js';
import { runProgram } from '../testing/run-program.js';
import type { RenderedObject } from './manifests.js';
import { readRenderedObjects } from './manifests.js';
import { referencesCreated } from './references.js';

/** The committed prod config with one change: the same edit made on one side only. */
function changed(change: (config: EnvConfig) => void): EnvConfig {
  const config = structuredClone(committedConfig('prod'));
  change(config);
  return config;
}

/**
 * The committed prod manifests as a render of a changed env.yaml would give them: every string with `from` replaced
 * by `to` (infra/ builds from env.yaml alone and does not run the generators, so the change is made where it shows).
 */
function manifestsWith(from: string, to: string): RenderedObject[] {
  const replace = (node: unknown): unknown => {
    if (typeof node === 'string') return node.split(from).join(to);
    if (Array.isArray(node)) return node.map(replace);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replace(value)]));
    }
    return node;
  };
  return readRenderedObjects(repoRoot, 'prod').map(({ file, object }) => ({ file, object: replace(object) }));
}

const messages = (resources: readonly RecordedResource[], objects: readonly RenderedObject[]) =>
  referencesCreated(resources, objects).map((v) => v.message);

describe('the rendered-vs-infra cross-check', () => {
  let committedManifests: RenderedObject[];
  let committedInfra: RecordedResource[];
  beforeAll(async () => {
    committedManifests = readRenderedObjects(repoRoot, 'prod');
    committedInfra = await recordedEnvironment('prod');
  });

  it('finds every reference of the committed prod manifests created', () => {
    expect(messages(committedInfra, committedManifests)).toStrictEqual([]);
  });

  describe('fails when env.yaml changes on the infra side only', () => {
    it('another account: roles and registry no longer match', async () => {
      const infra = await runProgram(changed((c) => (c.aws.accountId = '444444444444')));
      const found = messages(infra, committedManifests);
      expect(found).toContain("role events-prod-velero is in account 333333333333, the environment's is 444444444444");
      expect(found).toContain(
        "image registry of account 333333333333 in eu-west-1, the environment's is 444444444444 in eu-west-1",
      );
    });

    it('another cluster name: brokers, database and the load balancer controller point at nothing', async () => {
      const infra = await runProgram(changed((c) => (c.aws.clusterName = 'events-blue')));
      const found = messages(infra, committedManifests);
      expect(found).toContain('no MSK cluster events-prod (created: events-blue)');
      expect(found).toContain('no RDS instance events-prod (created: events-blue)');
      expect(found).toContain('no EKS cluster events-prod (created: events-blue)');
    });

    it('another bucket, secret and VPC range', async () => {
      const infra = await runProgram(
        changed((c) => {
          c.backup.bucket = 'events-prod-backups-2';
          c.postgres.credentialsSecret.remoteKey = 'events-prod/ledger';
          c.aws.vpcCidr = '10.99.0.0/16';
        }),
      );
      const found = messages(infra, committedManifests);
      expect(found).toContain('no bucket events-prod-backups (created: events-prod-backups-2)');
      expect(found).toContainEqual(
        expect.stringMatching(/^no secret events-prod\/ledger-db \(created: .*events-prod\/ledger\b/),
      );
      expect(found).toContain("10.30.0.0/22 lies outside the VPC (10.99.0.0/16) and the cluster's service network");
    });
  });

  describe('fails when env.yaml changes on the manifest side only', () => {
    it('another account: roles, images and the certificate are in an account the program does not run in', () => {
      const found = messages(committedInfra, manifestsWith('333333333333', '444444444444'));
      expect(found).toContain("role events-prod-velero is in account 444444444444, the environment's is 333333333333");
      expect(found).toContain(
        "image registry of account 444444444444 in eu-west-1, the environment's is 333333333333 in eu-west-1",
      );
      expect(found).toContain(
        'certificate arn:aws:acm:eu-west-1:444444444444:certificate/00000000-0000-0000-0000-000000000000 is not in account 333333333333, region eu-west-1',
      );
    });

    it('another role prefix: the annotated roles do not exist', () => {
      const found = messages(committedInfra, manifestsWith('role/events-prod-', 'role/events-green-'));
      expect(found).toContain(
        'no role events-green-velero is created (created: events-prod-cluster, events-prod-node, events-prod-image-publisher, events-prod-api, events-prod-worker, events-prod-chaos-drill, events-prod-restore-drill, events-prod-bootstrap, events-prod-secrets-reader, events-prod-monitoring-secrets-reader, events-prod-keda-operator, events-prod-velero, events-prod-external-secrets, events-prod-aws-load-balancer-controller)',
      );
    });

    it('a broker the cluster does not have', () => {
      const found = messages(committedInfra, manifestsWith('b-3.events-prod', 'b-4.events-prod'));
      expect(found).toContain('broker b-4 does not exist: events-prod has 3 brokers');
    });

    it('a plaintext broker port', () => {
      const found = messages(committedInfra, manifestsWith('amazonaws.com:9098', 'amazonaws.com:9092'));
      expect(found).toContain('port 9092 of events-prod is not a listener it opens (9098: authenticated TLS only)');
    });

    it('another cluster name and region', () => {
      expect(messages(committedInfra, manifestsWith('events-prod.', 'events-blue.'))).toContain(
        'no RDS instance events-blue (created: events-prod)',
      );
      expect(messages(committedInfra, manifestsWith('eu-west-1', 'eu-central-1'))).toContain(
        'region eu-central-1, the environment is in eu-west-1',
      );
    });

    it('a service account bound to a role that trusts another one', () => {
      const objects = structuredClone(committedManifests);
      const velero = objects.find((o) => o.object.kind === 'Application' && o.object.metadata.name === 'prod-velero')!;
      velero.object.spec.source.helm.valuesObject.serviceAccount.server.name = 'velero-server';
      expect(messages(committedInfra, objects)).toStrictEqual([
        'role events-prod-velero trusts velero/velero, but velero/velero-server is annotated with it',
      ]);
    });
  });
});
