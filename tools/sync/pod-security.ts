/** One PodSecurity verdict the API server recorded: the object and the server's own words. */
export interface PodSecurityViolation {
  readonly object: string;
  readonly message: string;
}

interface AuditEvent {
  readonly verb?: string;
  readonly objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
  readonly annotations?: Record<string, string>;
  readonly responseStatus?: { code?: number };
}

const VIOLATION = 'pod-security.kubernetes.io/audit-violations';

/**
 * The PodSecurity violations in the API server's audit log (JSON lines). The rehearsal's API server audits every
 * namespace at `restricted`, so a pod or pod template that a restricted namespace would refuse shows up here, whether
 * the write was refused (a pod) or admitted with a warning (a Deployment, a Job, a CronJob). One entry per object.
 */
export function podSecurityViolations(auditLog: string): PodSecurityViolation[] {
  const seen = new Map<string, PodSecurityViolation>();
  for (const line of auditLog.split('\n')) {
    if (!line.includes(VIOLATION)) continue;
    const event = JSON.parse(line) as AuditEvent;
    const message = event.annotations?.[VIOLATION];
    const ref = event.objectRef;
    if (!message || !ref) continue;
    const object = [ref.resource, ref.namespace, ref.name].filter(Boolean).join('/');
    if (!seen.has(object)) seen.set(object, { object, message });
  }
  return [...seen.values()];
}
