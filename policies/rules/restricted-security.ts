import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';
import { podTemplates } from '../validate/rendered.js';

/** The restricted Pod Security Standard, checked on every pod template (the namespace enforces it too). */
export const restrictedSecurity: PolicyRule = {
  id: 'restricted-security-context',
  description:
    'Pods run as non-root with RuntimeDefault seccomp; containers drop all capabilities, cannot escalate and have a read-only root',
  check(ctx) {
    return podTemplates(ctx.objects).flatMap(({ owner, template }) => {
      const pod = template?.spec?.securityContext ?? {};
      const problems: string[] = [];
      if (pod.seccompProfile?.type !== 'RuntimeDefault') problems.push('pod seccompProfile is not RuntimeDefault');
      for (const c of [...(template?.spec?.containers ?? []), ...(template?.spec?.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        if (sc.runAsNonRoot !== true && pod.runAsNonRoot !== true) problems.push(`${c.name} may run as root`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${c.name} allows privilege escalation`);
        if (sc.privileged === true) problems.push(`${c.name} is privileged`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${c.name} has a writable root filesystem`);
        if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${c.name} does not drop ALL capabilities`);
        if ((sc.capabilities?.add ?? []).length > 0) problems.push(`${c.name} adds capabilities`);
      }
      return problems.map((p) =>
        finding(ctx, this.id, owner, p, 'use the restricted security context of generators/render/workload.ts'),
      );
    });
  },
};
