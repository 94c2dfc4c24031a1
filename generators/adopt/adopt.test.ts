import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAdoption } from '../../config/adoption.js';
import { loadEnvironment } from '../../config/load.js';
import { environmentFile, repoRoot } from '../../config/paths.js';
import { committedEnvYaml } from '../../config/testing.js';
import { adopt, adoptEnvYaml } from './adopt.js';
import type { AdoptOptions } from './options.js';

const REPO = 'https://github.com/acme/events.git';
const ACCOUNT = '123456789012';
const DEV: AdoptOptions = {
  repo: REPO,
  environment: 'dev',
  account: ACCOUNT,
  domain: 'acme.io',
  kafkaBootstrap: [
    'b-1.events-dev.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098',
    'b-2.events-dev.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098',
  ],
  postgresHost: 'events-dev.abcdef123456.eu-west-1.rds.amazonaws.com',
};

/** A scratch repository holding the committed env.yaml files only: adopt reads and writes nothing else. */
function scratchEnvironments(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-'));
  for (const name of ['dev', 'staging', 'prod']) {
    fs.mkdirSync(path.join(root, 'environments', name), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, environmentFile(name)), path.join(root, environmentFile(name)));
  }
  return root;
}

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return b.flatMap((line, i) => (line === a[i] ? [] : [line.trim()]));
}

describe('adopt', () => {
  it("changes only the lines of the fork's values, keeping the account id a string", () => {
    const before = committedEnvYaml('dev');
    const after = adoptEnvYaml(before, DEV, { accountHasProvider: false });
    expect(changedLines(before, after)).toStrictEqual([
      `accountId: '${ACCOUNT}'`,
      `registry: ${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`,
      'host: events.dev.acme.io',
      `- ${DEV.kafkaBootstrap![0]}`,
      `- ${DEV.kafkaBootstrap![1]}`,
      `host: ${DEV.postgresHost}`,
    ]);
    expect((parse(after) as { aws: { accountId: unknown } }).aws.accountId).toBe(ACCOUNT);
  });

  it('leaves no placeholder in the adopted environment, which then loads as adopted', () => {
    const root = scratchEnvironments();
    roots.push(root);
    const result = adopt(root, DEV);
    expect(result.remaining).toStrictEqual([]);
    expect(readAdoption(root)).toStrictEqual({ repository: REPO, environments: ['dev'] });
    const dev = loadEnvironment(root, 'dev');
    expect(dev.warnings).toStrictEqual([]);
    expect(dev.config.observability.runbookBaseUrl).toBe('https://github.com/acme/events/blob/main/docs/runbooks');
    // The repository is every environment's: the others follow it, and keep their other placeholders as warnings.
    const prod = loadEnvironment(root, 'prod');
    expect(prod.config.gitops.repoURL).toBe(REPO);
    expect(prod.warnings.map((w) => w.path)).toContain('aws.accountId');
  });

  it('names what is still a placeholder when the endpoints are not known yet, and keeps the config valid', () => {
    const root = scratchEnvironments();
    roots.push(root);
    const result = adopt(root, { repo: REPO, environment: 'staging', account: ACCOUNT, domain: 'acme.io' });
    expect(result.remaining.map((p) => `${p.path.join('.')}: ${p.fix}`)).toStrictEqual([
      'api.ingress.certificateArn: npm run adopt -- --env staging --certificate-arn (`pulumi stack output certificateArn`)',
      'kafka.bootstrapServers.0: npm run adopt -- --env staging --kafka-bootstrap (`pulumi stack output kafkaBootstrapBrokers`)',
      'kafka.bootstrapServers.1: npm run adopt -- --env staging --kafka-bootstrap (`pulumi stack output kafkaBootstrapBrokers`)',
      'kafka.bootstrapServers.2: npm run adopt -- --env staging --kafka-bootstrap (`pulumi stack output kafkaBootstrapBrokers`)',
      'postgres.host: npm run adopt -- --env staging --postgres-host (`pulumi stack output databaseEndpoint`)',
    ]);
    expect(() => loadEnvironment(root, 'staging')).toThrow(/postgres\.host: is a placeholder/);
    expect(loadEnvironment(root, 'staging', { placeholders: 'tolerated' }).config.aws.accountId).toBe(ACCOUNT);
  });

  it("lets the second environment of an account look GitHub's OIDC provider up instead of creating another", () => {
    const root = scratchEnvironments();
    roots.push(root);
    adopt(root, DEV);
    adopt(root, { ...DEV, environment: 'staging' });
    expect(loadEnvironment(root, 'dev', { placeholders: 'tolerated' }).config.aws.githubOidcProvider).toBe('create');
    expect(loadEnvironment(root, 'staging', { placeholders: 'tolerated' }).config.aws.githubOidcProvider).toBe(
      'existing',
    );
    expect(readAdoption(root)?.environments).toStrictEqual(['dev', 'staging']);
  });

  it.each([
    [{ account: '12345' }, '--account must be a 12-digit AWS account id, got 12345'],
    [
      { account: '999999999999' },
      '--account names the made-up AWS account 999999999999: give your own, got 999999999999',
    ],
    [
      { repo: 'git@github.com:acme/events.git' },
      '--repo must be an https git URL (Argo CD and the runbook links read it over https), got git@github.com:acme/events.git; try https://github.com/acme/events.git',
    ],
    [
      { repo: 'https://github.com/acme/events' },
      '--repo must be an https git URL ending in .git, such as https://github.com/acme/events.git, got https://github.com/acme/events',
    ],
    [{ environment: 'qa' }, '--env qa is not an environment here; known: dev, prod, staging'],
    [
      { certificateArn: 'arn:aws:acm:eu-west-1:210987654321:certificate/1234abcd' },
      "--certificate-arn names account 210987654321, the environment's (--account) is 123456789012",
    ],
    [
      { kafkaBootstrap: ['broker-without-port'] },
      '--kafka-bootstrap takes host:port addresses separated by commas, got broker-without-port',
    ],
  ])('refuses bad input %j, writing nothing', (change, message) => {
    const root = scratchEnvironments();
    roots.push(root);
    expect(() => adopt(root, { ...DEV, ...change })).toThrow(message);
    expect(readAdoption(root)).toBeUndefined();
    expect(fs.readFileSync(path.join(root, environmentFile('dev')), 'utf8')).toBe(committedEnvYaml('dev'));
  });
});
