import { describe, expect, it } from 'vitest';
import { committedEnvYaml } from './testing.js';
import { InvalidConfigError } from './issues.js';
import { parseEnvConfig } from './load.js';

function messages(yaml: string): string[] {
  try {
    parseEnvConfig(yaml, 'environments/prod/env.yaml', 'prod');
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('no plaintext listener', () => {
  it('refuses a bootstrap server on the plaintext port', () => {
    const yaml = committedEnvYaml('prod').replace(/(b-1\.[^:]+):9098/, '$1:9092');
    expect(messages(yaml)).toStrictEqual([
      expect.stringMatching(
        /^kafka\.bootstrapServers\[0\]: must use MSK's aws-msk-iam listener on port 9098, got ".*:9092"$/,
      ),
    ]);
  });

  it('has no plaintext choice at all', () => {
    expect(messages(committedEnvYaml('prod').replace('auth: aws-msk-iam', 'auth: none'))[0]).toMatch(/^kafka\.auth: /);
  });
});
