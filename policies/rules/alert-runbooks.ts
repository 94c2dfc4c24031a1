import fs from 'node:fs';
import path from 'node:path';
import { RUNBOOKS_DIR } from '../../config/paths.js';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

export const alertRunbooks: PolicyRule = {
  id: 'alert-has-runbook',
  description: 'Every alert links to docs/runbooks/<Alert>.md, and that file exists',
  check(ctx) {
    return ctx.objects
      .filter(({ object }) => object.kind === 'PrometheusRule')
      .flatMap((at) =>
        (at.object.spec?.groups ?? []).flatMap((group: any) =>
          (group.rules ?? [])
            .filter((rule: any) => rule.alert)
            .flatMap((rule: any) => {
              const url = String(rule.annotations?.runbook_url ?? '');
              const expected = `${RUNBOOKS_DIR}/${rule.alert}.md`;
              if (!url.endsWith(`/${expected}`)) {
                return [
                  finding(
                    ctx,
                    this.id,
                    at,
                    `alert ${rule.alert} has runbook_url '${url}', not one ending in /${expected}`,
                    `point runbook_url at ${expected}`,
                  ),
                ];
              }
              if (!fs.existsSync(path.join(ctx.repoRoot, expected))) {
                return [
                  finding(
                    ctx,
                    this.id,
                    at,
                    `alert ${rule.alert} links to ${expected}, which does not exist`,
                    `write ${expected}`,
                  ),
                ];
              }
              return [];
            }),
        ),
      );
  },
};
