import { describe, expect, it } from 'vitest';
import { committedEnvYaml, configMessages } from './testing.js';

const messages = (yaml: string): string[] => configMessages(yaml, 'prod');

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

describe('IAM clients reach STS', () => {
  it('refuses a workload that reaches the IAM listener without an edge to the AWS API endpoints', () => {
    const yaml = committedEnvYaml('prod').replace(/\n\s*- \{ from: worker, to: aws-api, port: 443 \}/, '');
    expect(messages(yaml)).toStrictEqual([
      "network.edges: worker reaches Kafka's IAM listener (9098) but has no edge to aws-api on 443: its pods could not get the credentials (STS) to sign the login; add { from: worker, to: aws-api, port: 443 }",
    ]);
  });

  it('asks nothing of clients of the TLS listener', () => {
    const yaml = committedEnvYaml('prod')
      .replace('auth: aws-msk-iam', 'auth: tls')
      .replaceAll(':9098', ':9094')
      .replaceAll('port: 9098', 'port: 9094')
      .replace(/\n\s*- \{ from: worker, to: aws-api, port: 443 \}/, '');
    expect(messages(yaml)).toStrictEqual([]);
  });
});
