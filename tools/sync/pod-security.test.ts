import { describe, expect, it } from 'vitest';
import { podSecurityViolations } from './pod-security.js';

const event = (name: string, annotations: Record<string, string>) =>
  JSON.stringify({
    verb: 'create',
    objectRef: { resource: 'deployments', namespace: 'events-dev', name },
    annotations,
  });

describe('PodSecurity verdicts from the audit log', () => {
  it("returns each violating object once, in the server's own words", () => {
    const message =
      'would violate PodSecurity "restricted:latest": privileged (container "api" must not set securityContext.privileged=true)';
    const log = [
      event('api', { 'pod-security.kubernetes.io/audit-violations': message }),
      event('api', { 'pod-security.kubernetes.io/audit-violations': message }),
      event('worker', { 'pod-security.kubernetes.io/enforce-policy': 'restricted:latest' }),
      '',
    ].join('\n');
    expect(podSecurityViolations(log)).toStrictEqual([{ object: 'deployments/events-dev/api', message }]);
  });

  it('finds nothing in an audit log without violations', () => {
    expect(podSecurityViolations(`${event('worker', {})}\n`)).toStrictEqual([]);
  });
});
