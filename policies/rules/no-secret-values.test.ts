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

  it('flags a literal token in a container, but not the path of the file a Secret is mounted at', () => {
    const ctx = devContext();
    const cronJob = objectNamed(ctx, 'CronJob', 'chaos-drill');
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    container.env = [
      ...(container.env ?? []),
      { name: 'DRILL_API_TOKEN', value: 'abc123' },
      { name: 'DRILL_API_TOKEN_FILE', value: '/var/run/secrets/api-caller-token/caller-token' },
    ];
    expect(noSecretValues.check(ctx).map((f) => f.message)).toStrictEqual([
      `container ${container.name} sets DRILL_API_TOKEN to a literal value`,
    ]);
  });
});
