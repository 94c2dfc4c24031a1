import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../config/schema.js';
import { apiKafkaAccess, lagReaderKafkaAccess, topicAdminKafkaAccess, workerKafkaAccess } from './access/kafka.js';
import { externalSecretsAccess, namedSecretsAccess, restoreDrillAccess, veleroAccess } from './access/data.js';
import { loadBalancerControllerAccess } from './access/load-balancer-controller.js';
import { backups } from './components/backups.js';
import { operatorSecrets } from './components/operator-secrets.js';
import { ingressCertificate } from './components/certificates.js';
import { apiEndpoints } from './components/endpoints.js';
import { cluster } from './components/cluster.js';
import type { Context } from './components/context.js';
import { database } from './components/database.js';
import type { PolicyStatement, ServiceAccountRef } from './components/identities.js';
import { serviceAccountRole } from './components/identities.js';
import { kafka } from './components/kafka.js';
import { network } from './components/network.js';
import { imagePublisher } from './components/image-publisher.js';
import { registries } from './components/registries.js';
import { defaultTags } from './naming.js';
import { serviceAccounts } from './service-accounts.js';

/**
 * Everything AWS holds for one environment, built from its env.yaml alone. The returned outputs are what the
 * GitOps side consumes (docs/infra.md): endpoints that go back into env.yaml, and names the manifests derive.
 */
export function createEnvironment(config: EnvConfig) {
  const provider = new aws.Provider('aws', {
    region: config.aws.region as aws.Region,
    // A run with credentials of another account fails before it changes anything.
    allowedAccountIds: [config.aws.accountId],
    defaultTags: { tags: defaultTags(config) },
  });
  const context: Context = {
    provider,
    options: { provider },
    accountId: config.aws.accountId,
    region: config.aws.region,
  };
  // Node volumes and anything else on EBS in this region are encrypted, whoever creates them.
  new aws.ebs.EncryptionByDefault('ebs-encryption', { enabled: true }, context.options);

  const net = network(context, config);
  apiEndpoints(context, config, net);
  const eks = cluster(context, config, net);
  const brokers = kafka(context, config, net);
  const db = database(context, config, net);
  operatorSecrets(context, config, db.key);
  const backup = backups(context, config);
  const repositories = registries(context, config);
  const publisher = imagePublisher(context, config, repositories);
  const certificate = ingressCertificate(context, config);

  const accounts = serviceAccounts(config);
  const access: Record<keyof typeof accounts, pulumi.Input<PolicyStatement[]>> = {
    api: brokers.arn.apply((arn) => apiKafkaAccess(config, arn)),
    worker: brokers.arn.apply((arn) => workerKafkaAccess(config, arn)),
    chaosDrill: brokers.arn.apply((arn) => lagReaderKafkaAccess(config, arn)),
    keda: brokers.arn.apply((arn) => lagReaderKafkaAccess(config, arn)),
    bootstrap: brokers.arn.apply((arn) => topicAdminKafkaAccess(config, arn)),
    secretsReader: pulumi
      .all([db.credentials.arn, db.key.arn])
      .apply(([secret, key]) => [
        ...externalSecretsAccess(config.aws.region, secret, key),
        ...namedSecretsAccess(config.aws.region, config.aws.accountId, [config.api.clientTokens.remoteKey], key),
      ]),
    monitoringSecretsReader: db.key.arn.apply((key) =>
      namedSecretsAccess(
        config.aws.region,
        config.aws.accountId,
        [config.observability.secrets.alertmanagerReceivers, config.observability.secrets.grafanaAdmin],
        key,
      ),
    ),
    velero: pulumi
      .all([backup.bucket.arn, backup.key.arn])
      .apply(([bucket, key]) => veleroAccess(config.aws.region, bucket, key)),
    externalSecrets: pulumi
      .all([db.credentials.arn, db.key.arn])
      .apply(([secret, key]) => externalSecretsAccess(config.aws.region, secret, key)),
    restoreDrill: pulumi
      .all([db.instance.arn, db.subnetGroup.name, db.parameterGroup.name, db.key.arn])
      .apply(([sourceInstanceArn, subnetGroupName, parameterGroupName, keyArn]) =>
        restoreDrillAccess(config, {
          region: config.aws.region,
          accountId: config.aws.accountId,
          sourceInstanceArn,
          subnetGroupName,
          parameterGroupName,
          keyArn,
        }),
      ),
    loadBalancerController: loadBalancerControllerAccess(config.aws.clusterName),
  };
  const roles = Object.fromEntries(
    (Object.entries(accounts) as [keyof typeof accounts, ServiceAccountRef][]).map(([key, account]) => [
      `${account.namespace}/${account.name}`,
      serviceAccountRole(context, config, eks, account, access[key]).arn,
    ]),
  );

  return {
    clusterName: eks.cluster.name,
    clusterEndpoint: eks.cluster.endpoint,
    oidcIssuer: eks.oidcIssuer,
    kafkaBootstrapBrokers: brokers.bootstrapBrokersSaslIam,
    databaseEndpoint: db.instance.address,
    databaseCredentialsSecret: db.credentials.name,
    backupBucket: backup.bucket.bucket,
    registry: config.images.registry,
    repositories: repositories.map((r) => r.repositoryUrl),
    imagePublisherRole: publisher.arn,
    serviceAccountRoles: roles,
    certificateArn: certificate?.arn,
    certificateValidation: certificate?.domainValidationOptions,
  };
}

export type EnvironmentOutputs = ReturnType<typeof createEnvironment>;
