import { VELERO_AWS_PLUGIN_VERSION, VELERO_VERSION, veleroPluginMismatch } from '../../platform-addons/velero.js';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

const PLUGIN_IMAGE = /velero-plugin-for-aws:(v[0-9.]+)$/;

/** The AWS plugin each rendered Velero Application loads matches the Velero release of its chart. */
export const veleroPluginPair: PolicyRule = {
  id: 'velero-plugin-pair',
  description: 'The Velero AWS plugin is the line the plugin compatibility table pairs with the pinned Velero',
  check(ctx) {
    return ctx.objects
      .filter((o) => o.object.kind === 'Application' && o.object.spec?.source?.chart === 'velero')
      .flatMap((app) => {
        const init: { image?: string }[] = app.object.spec.source.helm?.valuesObject?.initContainers ?? [];
        const plugin = init.map((c) => PLUGIN_IMAGE.exec(String(c.image))?.[1]).find((v) => v !== undefined);
        const problem = plugin
          ? veleroPluginMismatch(VELERO_VERSION, plugin)
          : `no velero-plugin-for-aws init container (${VELERO_AWS_PLUGIN_VERSION} expected)`;
        return problem
          ? [
              finding(
                ctx,
                this.id,
                app,
                problem,
                'pin the plugin line paired with the Velero version (platform-addons/velero.ts)',
              ),
            ]
          : [];
      });
  },
};
