import { describe, expect, it } from 'vitest';
import { noSecretValues } from './no-secret-values.js';
import { devContext, objectNamed } from './testing.js';

describe('no-secret-values', () => {
  it('passes the committed render', () => expect(noSecretValues.check(devContext())).toStrictEqual([]));

  it('flags a Secret with data, a literal password and a connection string with credentials', () => {
    const ctx = devContext();
    (ctx.objects as unknown[]).push({
      file: 'x.yaml',
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db', namespace: 'events-dev' },
        data: { password: 'aHVudGVyMg==' },
      },
    });
    objectNamed(ctx, 'ConfigMap', 'worker-settings').data.DATABASE_URL = 'postgres://ledger:hunter2@db:5432/ledger';
    expect(noSecretValues.check(ctx).map((f) => `${f.resource}: ${f.message}`)).toStrictEqual([
      'ConfigMap/events-dev/worker-settings: contains something that looks like a credential (postgres(ql)?:\\/\\/[^:\\s/]+:[^@\\s]+@)',
      'Secret/events-dev/db: is a Secret with its values in git',
    ]);
  });
});
