import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Adoption } from '../../config/adoption.js';
import { ADOPTION_FILE, adoptionText, readAdoption } from '../../config/adoption.js';
import { InvalidConfigError } from '../../config/issues.js';
import { checkEnvConfig, listEnvironments } from '../../config/load.js';
import { environmentFile } from '../../config/paths.js';
import type { Placeholder } from '../../config/placeholders.js';
import { placeholderReason, placeholdersIn } from '../../config/placeholders.js';
import type { EnvConfig } from '../../config/schema.js';
import { replaceScalar, replaceSequence, setBesides } from '../edit/yaml-text.js';
import type { AdoptOptions } from './options.js';
import { optionErrors, runbookBaseUrl } from './options.js';

/** What the rest of the repository says about the environment being adopted. */
export interface AdoptContext {
  /** Another environment of the same account already creates GitHub's OIDC provider there. */
  readonly accountHasProvider: boolean;
}

// The reference's made-up certificate id: an ARN must name the environment's account (config/account-rules.ts), so a
// certificate not issued yet keeps this id under the new account, still a placeholder, until infra/ has issued it.
const PENDING_CERTIFICATE = '00000000-0000-0000-0000-000000000000';

/** The API's host under the fork's domain: the reference's `events.dev.example.com` becomes `events.dev.<domain>`. */
function hostIn(current: string, environment: string, domain: string): string {
  const labels = current.split('.');
  const example = labels.indexOf('example');
  const prefix = example > 0 ? labels.slice(0, example).join('.') : `events.${environment}`;
  return `${prefix}.${domain}`;
}

/** The values every environment shares: the repository Argo CD syncs from and where the runbook links point. */
export function adoptRepositoryValues(source: string, repo: string, runbooks: string): string {
  const edited = replaceScalar(source, ['gitops', 'repoURL'], repo);
  return replaceScalar(edited, ['observability', 'runbookBaseUrl'], runbooks);
}

/** The adopted environment's env.yaml: only the lines of the values given (and those derived from them) change. */
export function adoptEnvYaml(source: string, options: AdoptOptions, context: AdoptContext): string {
  const current = parse(source) as EnvConfig;
  const region = options.region ?? current.aws.region;
  let text = replaceScalar(source, ['aws', 'accountId'], options.account);
  if (options.region) text = replaceScalar(text, ['aws', 'region'], options.region);
  text = replaceScalar(text, ['images', 'registry'], `${options.account}.dkr.ecr.${region}.amazonaws.com`);
  text = replaceScalar(text, ['aws', 'githubOidcProvider'], context.accountHasProvider ? 'existing' : 'create');
  const host =
    options.host ?? (options.domain && hostIn(current.api.ingress.host, options.environment, options.domain));
  if (host) text = replaceScalar(text, ['api', 'ingress', 'host'], host);
  if (options.certificateArn) {
    text = setBesides(text, ['api', 'ingress', 'scheme'], 'certificateArn', options.certificateArn);
  } else if (current.api.ingress.certificateArn !== undefined) {
    const pending = `arn:aws:acm:${region}:${options.account}:certificate/${PENDING_CERTIFICATE}`;
    const arn = current.api.ingress.certificateArn;
    if (placeholderReason(arn)) text = replaceScalar(text, ['api', 'ingress', 'certificateArn'], pending);
  }
  if (options.kafkaBootstrap) text = replaceSequence(text, ['kafka', 'bootstrapServers'], options.kafkaBootstrap);
  if (options.postgresHost) text = replaceScalar(text, ['postgres', 'host'], options.postgresHost);
  return text;
}

export interface AdoptResult {
  /** Repository-relative files written. */
  readonly written: string[];
  /** Placeholders left in the adopted environment (errors from now on). */
  readonly remaining: Placeholder[];
  /** Placeholders of the environments not adopted (warnings), by environment. */
  readonly elsewhere: Map<string, Placeholder[]>;
}

function load(text: string, name: string): EnvConfig {
  return checkEnvConfig(text, environmentFile(name), name, { adopted: false, tolerated: true }).config;
}

/**
 * Sets a fork's values in env.yaml and records the adoption (environments/adopted.yaml). Every edited file is
 * validated before anything is written, so bad input leaves the repository as it was.
 */
export function adopt(repoRoot: string, options: AdoptOptions): AdoptResult {
  const errors = optionErrors(options);
  const runbooks = options.runbooks ?? runbookBaseUrl(options.repo);
  if (runbooks === undefined && errors.length === 0)
    errors.push(
      `--runbooks is needed for a repository outside GitHub and GitLab (${options.repo}): the runbooks' base URL`,
    );
  const environments = listEnvironments(repoRoot);
  if (!environments.includes(options.environment))
    errors.push(`--env ${options.environment} is not an environment here; known: ${environments.join(', ')}`);
  if (errors.length > 0) throw new Error(errors.join('\n'));

  const read = (name: string) => fs.readFileSync(path.join(repoRoot, environmentFile(name)), 'utf8');
  const others = environments.filter((e) => e !== options.environment);
  const accountHasProvider = others.some((name) => {
    const config = parse(read(name)) as EnvConfig;
    return config.aws.accountId === options.account && config.aws.githubOidcProvider === 'create';
  });
  const texts = new Map(
    environments.map((name) => {
      let text = adoptRepositoryValues(read(name), options.repo, runbooks!);
      if (name === options.environment) text = adoptEnvYaml(text, options, { accountHasProvider });
      return [name, text] as const;
    }),
  );
  const configs = new Map<string, EnvConfig>();
  const invalid: string[] = [];
  for (const [name, text] of texts) {
    try {
      configs.set(name, load(text, name));
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      invalid.push(error.message);
    }
  }
  if (invalid.length > 0) throw new Error(`nothing was written: the result would be invalid\n${invalid.join('\n')}`);

  const previous = readAdoption(repoRoot);
  const adoption: Adoption = {
    repository: options.repo,
    environments: [...new Set([...(previous?.environments ?? []), options.environment])].sort(),
  };
  const written: string[] = [];
  for (const [name, text] of texts) {
    if (text === read(name)) continue;
    fs.writeFileSync(path.join(repoRoot, environmentFile(name)), text);
    written.push(environmentFile(name));
  }
  fs.writeFileSync(path.join(repoRoot, ADOPTION_FILE), adoptionText(adoption));
  written.push(ADOPTION_FILE);
  return {
    written,
    remaining: placeholdersIn(configs.get(options.environment), options.environment),
    elsewhere: new Map(others.map((name) => [name, placeholdersIn(configs.get(name), name)])),
  };
}
