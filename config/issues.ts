import type { PathSegment } from './source-map.js';

/** One problem in an env.yaml, located precisely enough to fix without searching. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path such as `worker.autoscaling.lagThreshold`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Thrown when a config is invalid; carries every issue found, not just the first. */
export class InvalidConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    const count = `${issues.length} error${issues.length === 1 ? '' : 's'}`;
    super(`invalid environment config (${count}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

/** A rule that relates several fields, which JSON Schema cannot express, broken at a path of the config. */
export interface SemanticIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** Path segments as a dotted path: ['kafka', 'bootstrapServers', 0] -> kafka.bootstrapServers[0]. */
export function dottedPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${segment}` : segment;
  }, '');
}
