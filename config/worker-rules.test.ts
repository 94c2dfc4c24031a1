import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from './issues.js';
import { parseEnvConfig } from './load.js';
import { environmentFile } from './paths.js';
import { committedEnvYaml, configMessages } from './testing.js';

const withBeforeMode = (environment: string) =>
  committedEnvYaml(environment).replace(/(\nworker:\n {2}mode: )after/, '$1before');

describe('the naive worker (worker.mode: before)', () => {
  it.each(['staging', 'prod'])('is refused in %s, naming the file, the line, worker.mode and why', (environment) => {
    const yaml = withBeforeMode(environment);
    expect(yaml).not.toBe(committedEnvYaml(environment));
    let message = '';
    try {
      parseEnvConfig(yaml, environmentFile(environment), environment);
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(
      new RegExp(
        `environments/${environment}/env\\.yaml:\\d+:\\d+: worker\\.mode: must be "after" here: "before" is the naive worker, ` +
          'which applies an event twice under rebalances and crashes .*; this environment holds a ledger that matters: ' +
          'its database is protected from deletion \\(postgres\\.instance\\.deletionProtection\\)',
      ),
    );
  });

  it('stays allowed in dev, for the replica-safety demo (its ledger is unprotected and it follows a branch)', () => {
    expect(configMessages(withBeforeMode('dev'), 'dev')).toStrictEqual([]);
  });

  it('is refused where the environment syncs a pinned commit, even with an unprotected ledger', () => {
    const yaml = withBeforeMode('staging').replace('deletionProtection: true', 'deletionProtection: false');
    expect(configMessages(yaml, 'staging')).toStrictEqual([
      expect.stringMatching(
        /^worker\.mode: must be "after" here: .*it syncs a pinned commit \(gitops\.targetRevision\)$/,
      ),
    ]);
  });
});
