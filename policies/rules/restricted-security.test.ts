import { describe, expect, it } from 'vitest';
import { restrictedSecurity } from './restricted-security.js';
import { devContext, objectNamed } from './testing.js';

describe('restricted-security-context', () => {
  it('passes the committed render', () => expect(restrictedSecurity.check(devContext())).toStrictEqual([]));

  it('flags each breach of the restricted profile', () => {
    const ctx = devContext();
    const template = objectNamed(ctx, 'CronJob', 'chaos-drill').spec.jobTemplate.spec.template;
    delete template.spec.securityContext.seccompProfile;
    template.spec.containers[0].securityContext = { capabilities: { add: ['NET_ADMIN'] }, privileged: true };
    template.spec.securityContext.runAsNonRoot = false;
    expect(restrictedSecurity.check(ctx).map((f) => f.message)).toStrictEqual([
      'pod seccompProfile is not RuntimeDefault',
      'chaos-drill may run as root',
      'chaos-drill allows privilege escalation',
      'chaos-drill is privileged',
      'chaos-drill has a writable root filesystem',
      'chaos-drill does not drop ALL capabilities',
      'chaos-drill adds capabilities',
    ]);
  });
});
