import crypto from 'node:crypto';
import type { KubeClient, KubeList } from '../../services/drills/cluster/kube-client.js';

interface ExternalSecret {
  metadata: { name: string; namespace: string };
  spec: { target?: { name?: string }; data?: { secretKey: string }[] };
}

export const STAND_IN_LABEL = 'deploy-check.platform/stand-in';

/**
 * Writes the Secret each ExternalSecret would have made (External Secrets reads AWS Secrets Manager, which the
 * rehearsal does not have), once, with `known` values where the rehearsal knows them (the stand-in database's login)
 * and random ones elsewhere. Returns `Secret/ns/name` for each Secret it wrote.
 */
export async function writeStandInSecrets(
  client: KubeClient,
  known: Record<string, Record<string, string>>,
): Promise<string[]> {
  const list = await client.find<KubeList<ExternalSecret>>('/apis/external-secrets.io/v1/externalsecrets');
  const written: string[] = [];
  for (const es of list?.items ?? []) {
    const name = es.spec.target?.name ?? es.metadata.name;
    const path = `/api/v1/namespaces/${es.metadata.namespace}/secrets`;
    if (await client.find(`${path}/${name}`)) continue;
    const values = Object.fromEntries(
      (es.spec.data ?? []).map((d) => [
        d.secretKey,
        known[name]?.[d.secretKey] ?? crypto.randomBytes(16).toString('hex'),
      ]),
    );
    await client.post(path, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: es.metadata.namespace, labels: { [STAND_IN_LABEL]: 'external-secrets' } },
      stringData: values,
    });
    written.push(`Secret/${es.metadata.namespace}/${name} (in place of External Secrets)`);
  }
  return written;
}
