import { describe, expect, it } from 'vitest';
import { veleroPluginMismatch } from '../../platform-addons/velero.js';
import { devContext, objectNamed } from './testing.js';
import { veleroPluginPair } from './velero-plugin.js';

describe('velero-plugin-pair', () => {
  it('passes the committed render', () => expect(veleroPluginPair.check(devContext())).toStrictEqual([]));

  it('fails when the AWS plugin is from another Velero line (plugin v1.10 with Velero 1.18)', () => {
    const ctx = devContext();
    const app = objectNamed(ctx, 'Application', 'dev-velero');
    app.spec.source.helm.valuesObject.initContainers[0].image = 'velero/velero-plugin-for-aws:v1.10.0';
    expect(veleroPluginPair.check(ctx).map((f) => f.message)).toStrictEqual([
      'velero-plugin-for-aws v1.10.0 does not match Velero v1.18.1: the compatible plugin line is v1.14.x',
    ]);
  });

  it('names a Velero release the table does not know', () => {
    expect(veleroPluginMismatch('v1.99.0', 'v1.95.0')).toBe(
      'Velero v1.99.0 is not in the plugin compatibility table; add its row',
    );
  });
});
