import { GITHUB_ACTIONS_ISSUER, PUBLISHING_REF } from '../access/image-publisher.js';
import type { RecordedResource } from '../testing/mocks.js';
import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, asList, ofType, parseDocument, violation } from './policy.js';

const TRUST = 'every IRSA trust names exactly one service account';

const SUBJECT = /^system:serviceaccount:([a-z0-9-]+):([a-z0-9-]+)$/;

export interface TrustedServiceAccount {
  readonly namespace: string;
  readonly name: string;
}

function isWebIdentity(statement: any): boolean {
  return asList(statement.Action).includes('sts:AssumeRoleWithWebIdentity') || Boolean(statement.Principal?.Federated);
}

/** Why a role's trust is not exactly one service account, or the account it trusts. */
export function trustedServiceAccount(role: RecordedResource): { account?: TrustedServiceAccount; problem?: string } {
  const statements = asList(parseDocument(role.inputs.assumeRolePolicy).Statement);
  if (statements.length !== 1) return { problem: `has ${statements.length} trust statements, not one` };
  const statement = statements[0];
  if (statement.Effect !== 'Allow') return { problem: 'trust statement does not allow' };
  const conditions = statement.Condition ?? {};
  const operators = Object.keys(conditions);
  if (operators.some((op) => op !== 'StringEquals')) {
    return {
      problem: `trust uses ${operators.filter((op) => op !== 'StringEquals').join(', ')}: only StringEquals names one account`,
    };
  }
  const equals: Record<string, unknown> = conditions.StringEquals ?? {};
  const subjects = Object.entries(equals).filter(([key]) => key.endsWith(':sub'));
  const audiences = Object.entries(equals).filter(([key]) => key.endsWith(':aud'));
  if (subjects.length !== 1) return { problem: `trust names ${subjects.length} subject conditions, not one` };
  const subject = subjects[0]![1];
  if (typeof subject !== 'string') return { problem: `trust names several subjects: ${JSON.stringify(subject)}` };
  const match = SUBJECT.exec(subject);
  if (!match) return { problem: `trust subject ${subject} is not one namespace and one service account` };
  if (audiences.length !== 1 || audiences[0]![1] !== 'sts.amazonaws.com')
    return { problem: 'trust does not pin the audience to sts.amazonaws.com' };
  return { account: { namespace: match[1]!, name: match[2]! } };
}

/** Whether a trust statement names GitHub Actions' issuer (a workflow role) rather than the cluster's (IRSA). */
function namesGithubActions(statement: any): boolean {
  const keys = Object.values<Record<string, unknown>>(statement.Condition ?? {}).flatMap((c) => Object.keys(c));
  return keys.some((key) => key.startsWith(`${GITHUB_ACTIONS_ISSUER}:`));
}

const webIdentityStatements = (role: RecordedResource): any[] =>
  asList(parseDocument(role.inputs.assumeRolePolicy).Statement).filter(isWebIdentity);

/** Roles that pods assume through the cluster's OIDC provider (IRSA). */
export function serviceAccountRoles(resources: readonly RecordedResource[]): RecordedResource[] {
  return ofType(resources, TYPES.role).filter((role) => {
    const statements = webIdentityStatements(role);
    return statements.length > 0 && !statements.some(namesGithubActions);
  });
}

/** Roles that GitHub Actions workflows assume through GitHub's OIDC provider. */
export function workflowRoles(resources: readonly RecordedResource[]): RecordedResource[] {
  return ofType(resources, TYPES.role).filter((role) => webIdentityStatements(role).some(namesGithubActions));
}

const WORKFLOW = 'a workflow role trusts one repository on its publishing branch';

/**
 * A role for GitHub Actions trusts runs of one repository on the publishing branch only, spelt out with StringEquals
 * on `sub` (a `repo:owner/*` or StringLike would hand the account to every fork, branch or pull request), for the
 * STS audience only.
 */
export const workflowRolesTrustOneBranch: InfraPolicy = {
  name: WORKFLOW,
  check(resources) {
    const violations: Violation[] = [];
    const subject = new RegExp(`^repo:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:ref:${PUBLISHING_REF.replace(/\//g, '\\/')}$`);
    for (const role of workflowRoles(resources)) {
      const name = String(role.inputs.name);
      const statements = asList(parseDocument(role.inputs.assumeRolePolicy).Statement);
      if (statements.length !== 1) {
        violations.push(violation(WORKFLOW, role, `role ${name} has ${statements.length} trust statements, not one`));
        continue;
      }
      const conditions = statements[0].Condition ?? {};
      const others = Object.keys(conditions).filter((op) => op !== 'StringEquals');
      const equals: Record<string, unknown> = conditions.StringEquals ?? {};
      const sub = equals[`${GITHUB_ACTIONS_ISSUER}:sub`];
      const aud = equals[`${GITHUB_ACTIONS_ISSUER}:aud`];
      if (others.length > 0)
        violations.push(violation(WORKFLOW, role, `role ${name} trusts with ${others.join(', ')}: only StringEquals`));
      else if (typeof sub !== 'string' || !subject.test(sub))
        violations.push(
          violation(
            WORKFLOW,
            role,
            `role ${name} trusts ${JSON.stringify(sub)}, not one repository's ${PUBLISHING_REF}`,
          ),
        );
      else if (aud !== 'sts.amazonaws.com')
        violations.push(violation(WORKFLOW, role, `role ${name} does not pin the audience to sts.amazonaws.com`));
    }
    return violations;
  },
};

/**
 * An IRSA role trusts one namespace/service account, spelt out with StringEquals (no StringLike, no wildcard, no
 * list), for the STS audience only, and no two roles trust the same account.
 */
export const irsaTrustsOneServiceAccount: InfraPolicy = {
  name: TRUST,
  check(resources) {
    const violations: Violation[] = [];
    const seen = new Map<string, string>();
    for (const role of serviceAccountRoles(resources)) {
      const { account, problem } = trustedServiceAccount(role);
      if (problem) {
        violations.push(violation(TRUST, role, `role ${String(role.inputs.name)} ${problem}`));
        continue;
      }
      const key = `${account!.namespace}/${account!.name}`;
      const other = seen.get(key);
      if (other)
        violations.push(
          violation(TRUST, role, `role ${String(role.inputs.name)} trusts ${key}, which ${other} trusts already`),
        );
      seen.set(key, String(role.inputs.name));
    }
    return violations;
  },
};

const LEAST = 'no role may do everything';

/** No inline policy allows every action of a service (`*`, `s3:*`) on every resource. */
export const noWildcardAdmin: InfraPolicy = {
  name: LEAST,
  check(resources) {
    const violations: Violation[] = [];
    for (const policy of ofType(resources, TYPES.rolePolicy)) {
      for (const statement of asList(parseDocument(policy.inputs.policy).Statement)) {
        if (statement.Effect !== 'Allow') continue;
        const broad = asList<string>(statement.Action).filter((action) => action === '*' || action.endsWith(':*'));
        if (broad.length > 0 && asList(statement.Resource).includes('*')) {
          violations.push(violation(LEAST, policy, `allows ${broad.join(', ')} on every resource`));
        }
      }
    }
    return violations;
  },
};
