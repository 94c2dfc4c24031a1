import type { EnvConfig } from '../config/schema.js';
import { ADDONS, addonNamespace } from '../platform-addons/catalog.js';
import type { ServiceAccountRef } from './components/identities.js';

function addonServiceAccount(addon: string): ServiceAccountRef {
  const definition = ADDONS.find((a) => a.name === addon);
  if (!definition?.awsServiceAccount) throw new Error(`add-on ${addon} declares no AWS service account`);
  return { namespace: definition.namespace, name: definition.awsServiceAccount };
}

/**
 * Every Kubernetes service account that gets an AWS role, where it lives: the platform's own workloads in the
 * environment's namespace, the add-ons where the catalog installs them.
 */
export function serviceAccounts(config: EnvConfig) {
  return {
    api: { namespace: config.namespace, name: 'api' },
    worker: { namespace: config.namespace, name: 'worker' },
    chaosDrill: { namespace: config.namespace, name: 'chaos-drill' },
    restoreDrill: { namespace: config.namespace, name: 'restore-drill' },
    // The PreSync bootstrap creates and verifies the topics; the SecretStore reads the database credentials.
    bootstrap: { namespace: config.namespace, name: 'bootstrap' },
    secretsReader: { namespace: config.namespace, name: 'secrets-reader' },
    monitoringSecretsReader: { namespace: addonNamespace('kube-prometheus-stack'), name: 'monitoring-secrets-reader' },
    // KEDA's operator reads the lag itself (TriggerAuthentication with the operator's identity).
    keda: { namespace: addonNamespace('keda'), name: 'keda-operator' },
    velero: addonServiceAccount('velero'),
    externalSecrets: addonServiceAccount('external-secrets'),
    loadBalancerController: addonServiceAccount('aws-load-balancer-controller'),
  } satisfies Record<string, ServiceAccountRef>;
}
