import type { KubeClient } from '../../services/drills/cluster/kube-client.js';
import { COMPARED_KINDS } from '../../services/drills/cluster/velero-restore.js';

export interface AccessCheck {
  readonly request: string;
  readonly allowed: boolean;
  readonly reason: string;
}

interface Attributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  /** The object's name, where the drill calls one object (the scratch namespace). */
  name?: string;
}

/**
 * The Kubernetes calls the restore drill's namespace half makes (services/drills/cluster/namespace-restore-check.ts
 * and velero-restore.ts): read Velero's backups, create and watch a Restore, list the compared kinds and pods in the
 * live and scratch namespaces, and delete the scratch namespace.
 */
export function restoreDrillRequests(namespace: string, scratch: string, velero: string): Attributes[] {
  const compared = (ns: string): Attributes[] => [
    ...COMPARED_KINDS.map((k) => ({
      verb: 'list',
      group: k.path.startsWith('apis/') ? k.path.split('/')[1]! : '',
      resource: k.plural,
      namespace: ns,
    })),
    { verb: 'list', group: '', resource: 'pods', namespace: ns },
  ];
  return [
    { verb: 'list', group: 'velero.io', resource: 'backups', namespace: velero },
    { verb: 'create', group: 'velero.io', resource: 'restores', namespace: velero },
    { verb: 'get', group: 'velero.io', resource: 'restores', namespace: velero },
    { verb: 'get', group: '', resource: 'namespaces', name: scratch },
    { verb: 'delete', group: '', resource: 'namespaces', name: scratch },
    ...compared(namespace),
    ...compared(scratch),
  ];
}

/**
 * Asks the real API server, with a SubjectAccessReview per call, whether the drill's ServiceAccount may make each call
 * through the rendered Roles and bindings (the drill itself needs RDS and Velero, which the rehearsal does not have).
 */
export async function checkRestoreDrillAccess(
  client: KubeClient,
  serviceAccount: { namespace: string; name: string },
  requests: Attributes[],
): Promise<AccessCheck[]> {
  const user = `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`;
  const groups = [
    'system:serviceaccounts',
    `system:serviceaccounts:${serviceAccount.namespace}`,
    'system:authenticated',
  ];
  const checks: AccessCheck[] = [];
  for (const r of requests) {
    const review = await client.post<{ status?: { allowed?: boolean; reason?: string; denied?: boolean } }>(
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user, groups, resourceAttributes: r },
      },
    );
    checks.push({
      request: `${r.verb} ${r.group ? `${r.group}/` : ''}${r.resource}${r.name ? ` ${r.name}` : ''}${r.namespace ? ` in ${r.namespace}` : ''}`,
      allowed: review.status?.allowed === true,
      reason: review.status?.reason ?? '',
    });
  }
  return checks;
}
