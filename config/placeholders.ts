import { whyTheLedgerMatters } from './environment-role.js';
import type { EnvConfig } from './schema.js';
import type { PathSegment } from './source-map.js';

// The reference repository cannot hold a team's own AWS accounts, hosts and endpoints, so it holds made-up values, and
// each of them carries a mark a real value never has: an AWS account id of one repeated digit (111111111111),
// `example` as a DNS label or URL path segment (RFC 2606 reserves example.com for this; the reference's MSK and RDS
// endpoints and its repository use the same word), or the nil UUID as a certificate's id (RFC 9562). `npm run adopt`
// replaces them.

/** A made-up value of the reference repository, where a fork must put its own. */
export interface Placeholder {
  readonly path: readonly PathSegment[];
  readonly value: string;
  /** What marks it as made up. */
  readonly reason: string;
  /** How to replace it. */
  readonly fix: string;
}

const REPEATED_DIGIT_ACCOUNT = /(?<![0-9])([0-9])\1{11}(?![0-9])/;
const EXAMPLE_SEGMENT = /(^|[./:@])example([./:@]|$)/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Why a string is a placeholder, or undefined when it is not one. */
export function placeholderReason(value: string): string | undefined {
  // First: the nil UUID's last group is twelve zeros, which would read as an account id.
  if (value.includes(NIL_UUID)) return 'names the made-up certificate with the nil UUID';
  const account = REPEATED_DIGIT_ACCOUNT.exec(value);
  if (account) return `names the made-up AWS account ${account[0]}`;
  if (EXAMPLE_SEGMENT.test(value)) return 'names the made-up `example` host or repository';
  return undefined;
}

/** The `npm run adopt` option that sets each placeholder, by the dotted path's first segments. */
const ADOPT_OPTIONS: readonly [prefix: string, option: string][] = [
  ['aws.accountId', '--account'],
  ['images.registry', '--account'],
  ['api.ingress.host', '--domain (or --host)'],
  ['api.ingress.certificateArn', '--certificate-arn (`pulumi stack output certificateArn`)'],
  ['kafka.bootstrapServers', '--kafka-bootstrap (`pulumi stack output kafkaBootstrapBrokers`)'],
  ['postgres.host', '--postgres-host (`pulumi stack output databaseEndpoint`)'],
  ['gitops.repoURL', '--repo'],
  ['observability.runbookBaseUrl', '--repo (or --runbooks)'],
];

function fixFor(path: readonly PathSegment[], environment: string | undefined): string {
  const dotted = path.filter((s) => typeof s === 'string').join('.');
  const option = ADOPT_OPTIONS.find(([prefix]) => dotted === prefix || dotted.startsWith(`${prefix}.`))?.[1];
  if (!option) return 'replace it with your own value';
  return `npm run adopt -- ${environment ? `--env ${environment} ` : ''}${option}`;
}

/** Every placeholder value of a config (any parsed env.yaml), in document order; `environment` goes into the fixes. */
export function placeholdersIn(value: unknown, environment?: string): Placeholder[] {
  const walk = (node: unknown, path: PathSegment[]): Placeholder[] => {
    if (typeof node === 'string') {
      const reason = placeholderReason(node);
      return reason ? [{ path, value: node, reason, fix: fixFor(path, environment) }] : [];
    }
    if (Array.isArray(node)) return node.flatMap((item, index) => walk(item, [...path, index]));
    if (typeof node === 'object' && node !== null)
      return Object.entries(node).flatMap(([key, item]) => walk(item, [...path, key]));
    return [];
  };
  return walk(value, []);
}

/** What the repository records of `npm run adopt` for one environment (environments/adopted.yaml). */
export interface AdoptionState {
  /** `npm run adopt` has set this environment's values. */
  readonly adopted: boolean;
  /**
   * Read for a command that sets or creates those values (adopt itself; infra/, which creates the endpoints and the
   * certificate that replace them): placeholders are warnings there, whatever the rule below says.
   */
  readonly tolerated?: boolean;
}

/**
 * A placeholder is an error where a made-up value would be deployed: in an environment `adopt` has set up, and in an
 * environment whose ledger matters (config/environment-role.ts: staging and prod) once it has an account of its own,
 * however it got one. Anywhere else, such as the reference repository itself, it is a warning.
 */
export function placeholderSeverity(config: EnvConfig, state: AdoptionState): 'error' | 'warning' {
  if (state.tolerated) return 'warning';
  if (state.adopted) return 'error';
  const ownAccount = placeholderReason(config.aws.accountId) === undefined;
  return ownAccount && whyTheLedgerMatters(config).length > 0 ? 'error' : 'warning';
}
