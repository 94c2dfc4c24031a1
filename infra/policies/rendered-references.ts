import { IRSA_ANNOTATION } from '../../config/aws.js';
import type { RenderedObject } from './manifests.js';

/** Something in the rendered manifests that only exists if the infrastructure created it. */
export type Reference =
  | { readonly kind: 'role'; readonly account: string; readonly name: string }
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'image'; readonly account: string; readonly region: string; readonly repository: string }
  | { readonly kind: 'kafka-broker'; readonly host: string; readonly port: number }
  | { readonly kind: 'database-host'; readonly host: string }
  | { readonly kind: 'bucket'; readonly name: string }
  | { readonly kind: 'secret'; readonly name: string }
  | { readonly kind: 'region'; readonly region: string }
  | { readonly kind: 'cluster-name'; readonly name: string }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | {
      readonly kind: 'irsa-binding';
      readonly namespace: string;
      readonly serviceAccount: string;
      readonly roleArn: string;
    };

export type Located<T> = T & { readonly file: string; readonly path: string };

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@/-]+)$/;
const ANY_ARN = /arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^\s,"']+/g;
const ECR_IMAGE = /(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+)/g;
const KAFKA_HOST = /([a-z0-9.-]+\.kafka\.[a-z0-9-]+\.amazonaws\.com)(?::(\d+))?/g;
const RDS_HOST = /[a-z0-9.-]+\.rds\.amazonaws\.com/g;

function referencesInString(value: string): Reference[] {
  const references: Reference[] = [];
  for (const [arn] of value.matchAll(ANY_ARN)) {
    const role = ROLE_ARN.exec(arn);
    references.push(role ? { kind: 'role', account: role[1]!, name: role[2]! } : { kind: 'arn', arn });
  }
  for (const [, account, region, repository] of value.matchAll(ECR_IMAGE)) {
    references.push({ kind: 'image', account: account!, region: region!, repository: repository! });
  }
  for (const [, host, port] of value.matchAll(KAFKA_HOST)) {
    references.push({ kind: 'kafka-broker', host: host!, port: port ? Number(port) : 0 });
  }
  for (const [host] of value.matchAll(RDS_HOST)) references.push({ kind: 'database-host', host });
  return references;
}

/** References a key names by its place, not by the shape of its value. */
function referencesByKey(key: string, value: unknown, parentKey: string | undefined): Reference[] {
  if (typeof value !== 'string') return [];
  if (key === 'region') return [{ kind: 'region', region: value }];
  if (key === 'clusterName') return [{ kind: 'cluster-name', name: value }];
  if (key === 'bucket' && parentKey === 'objectStorage') return [{ kind: 'bucket', name: value }];
  if (key === 'key' && parentKey === 'remoteRef') return [{ kind: 'secret', name: value }];
  if (key === 'cidr' && parentKey === 'ipBlock') return [{ kind: 'cidr', cidr: value }];
  return [];
}

/**
 * The service accounts an IRSA annotation binds: a rendered ServiceAccount, or a service account a Helm chart will
 * create from an Application's values (an object with the annotation and a `name`, in the destination namespace).
 */
function irsaBindings(object: any): Reference[] {
  if (object?.kind === 'ServiceAccount') {
    const roleArn = object.metadata?.annotations?.[IRSA_ANNOTATION];
    return roleArn
      ? [{ kind: 'irsa-binding', namespace: object.metadata.namespace, serviceAccount: object.metadata.name, roleArn }]
      : [];
  }
  if (object?.kind !== 'Application') return [];
  const namespace = object.spec?.destination?.namespace;
  const bindings: Reference[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, any>;
    const roleArn = record.annotations?.[IRSA_ANNOTATION];
    if (typeof roleArn === 'string') {
      bindings.push({ kind: 'irsa-binding', namespace, serviceAccount: String(record.name), roleArn });
    }
    Object.values(record).forEach(visit);
  };
  visit(object.spec?.source?.helm?.valuesObject);
  return bindings;
}

/** Every reference to AWS in the rendered objects, each with the file and the path where it appears. */
export function renderedReferences(objects: readonly RenderedObject[]): Located<Reference>[] {
  const found: Located<Reference>[] = [];
  for (const { file, object } of objects) {
    const visit = (node: unknown, at: string, key: string | undefined, parentKey: string | undefined): void => {
      if (typeof node === 'string') {
        for (const reference of [...referencesInString(node), ...referencesByKey(key ?? '', node, parentKey)]) {
          found.push({ ...reference, file, path: at });
        }
      } else if (Array.isArray(node)) {
        node.forEach((item, index) => visit(item, `${at}[${index}]`, key, parentKey));
      } else if (typeof node === 'object' && node !== null) {
        for (const [childKey, child] of Object.entries(node))
          visit(child, at ? `${at}.${childKey}` : childKey, childKey, key);
      }
    };
    visit(object, '', undefined, undefined);
    for (const binding of irsaBindings(object)) found.push({ ...binding, file, path: 'service account' });
  }
  return found;
}
