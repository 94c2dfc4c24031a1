import { placeholderReason } from '../../config/placeholders.js';

/** A fork's own values, as `npm run adopt` takes them; everything but repo, env and account is optional. */
export interface AdoptOptions {
  /** The fork's repository: every environment's gitops.repoURL (Argo CD reads it, the image publisher trusts it). */
  readonly repo: string;
  /** The environment to set up. */
  readonly environment: string;
  /** The AWS account the environment lives in. */
  readonly account: string;
  readonly region?: string;
  /** The DNS domain the API's host is made of (`events.<env>.<domain>`), unless `host` names it whole. */
  readonly domain?: string;
  readonly host?: string;
  readonly certificateArn?: string;
  readonly kafkaBootstrap?: readonly string[];
  readonly postgresHost?: string;
  /** Where the alerts' runbook links point; derived from a GitHub or GitLab repository URL. */
  readonly runbooks?: string;
}

const HTTPS_GIT_URL = /^https:\/\/([a-z0-9.-]+\.[a-z]{2,})(:[0-9]+)?\/([A-Za-z0-9_.~-]+\/)+[A-Za-z0-9_.~-]+\.git$/;
const SSH_GIT_URL = /^(?:ssh:\/\/)?git@([a-z0-9.-]+)[:/](.+?)(?:\.git)?$/;
const DNS_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
const ENVIRONMENT = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):([0-9]{12}):certificate\/[a-f0-9-]+$/;
const BROKER = /^[a-zA-Z0-9.-]+:[0-9]{1,5}$/;

/** One message per wrong option, each naming the option, what it expects and what it got. */
export function optionErrors(options: AdoptOptions): string[] {
  const errors: string[] = [];
  const own = (option: string, value: string) => {
    const reason = placeholderReason(value);
    if (reason) errors.push(`${option} ${reason}: give your own, got ${value}`);
  };
  const ssh = SSH_GIT_URL.exec(options.repo);
  if (ssh)
    errors.push(
      `--repo must be an https git URL (Argo CD and the runbook links read it over https), got ${options.repo}; try https://${ssh[1]}/${ssh[2]}.git`,
    );
  else if (!HTTPS_GIT_URL.test(options.repo))
    errors.push(
      `--repo must be an https git URL ending in .git, such as https://github.com/acme/events.git, got ${options.repo}`,
    );
  else own('--repo', options.repo);
  if (!ENVIRONMENT.test(options.environment))
    errors.push(`--env must be an environment's name (a DNS label such as dev), got ${options.environment}`);
  if (!/^[0-9]{12}$/.test(options.account))
    errors.push(`--account must be a 12-digit AWS account id, got ${options.account}`);
  else own('--account', options.account);
  if (options.region !== undefined && !REGION.test(options.region))
    errors.push(`--region must be an AWS region such as eu-west-1, got ${options.region}`);
  if (options.domain !== undefined && !DNS_NAME.test(options.domain))
    errors.push(`--domain must be a DNS name such as acme.io, got ${options.domain}`);
  else if (options.domain !== undefined) own('--domain', options.domain);
  if (options.host !== undefined && !DNS_NAME.test(options.host))
    errors.push(`--host must be a DNS host name such as events.dev.acme.io, got ${options.host}`);
  if (options.certificateArn !== undefined) {
    const arn = ACM_ARN.exec(options.certificateArn);
    if (!arn)
      errors.push(
        `--certificate-arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got ${options.certificateArn}`,
      );
    else if (arn[2] !== options.account)
      errors.push(`--certificate-arn names account ${arn[2]}, the environment's (--account) is ${options.account}`);
  }
  for (const broker of options.kafkaBootstrap ?? [])
    if (!BROKER.test(broker))
      errors.push(`--kafka-bootstrap takes host:port addresses separated by commas, got ${broker}`);
  if (options.postgresHost !== undefined && !DNS_NAME.test(options.postgresHost))
    errors.push(`--postgres-host must be a host name (the RDS endpoint), got ${options.postgresHost}`);
  if (options.runbooks !== undefined && !/^https:\/\/\S+[^/]$/.test(options.runbooks))
    errors.push(`--runbooks must be an https URL without a trailing slash, got ${options.runbooks}`);
  return errors;
}

/**
 * Where the alerts' runbook_url links point: the repository's docs/runbooks on main, in the hosting service's own
 * URL scheme. Other hosts need --runbooks.
 */
export function runbookBaseUrl(repo: string): string | undefined {
  const base = repo.replace(/\.git$/, '');
  if (base.startsWith('https://github.com/')) return `${base}/blob/main/docs/runbooks`;
  if (base.startsWith('https://gitlab.com/')) return `${base}/-/blob/main/docs/runbooks`;
  return undefined;
}
