/** One problem in the rendered output: where it is, which rule, what is wrong and how to fix it. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly environment: string;
  /** Repository-relative path of the rendered file. */
  readonly file: string;
  /** Kind/namespace/name (Kind/name for cluster-scoped objects). */
  readonly resource: string;
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
}

export function formatFinding(f: Finding): string {
  return `${f.severity.padEnd(7)} ${f.environment}  ${f.file}  ${f.resource}  [${f.rule}] ${f.message} — fix: ${f.fix}`;
}

export function resourceId(object: { kind?: string; metadata?: { name?: string; namespace?: string } }): string {
  const kind = object.kind ?? '?';
  const name = object.metadata?.name ?? '?';
  return object.metadata?.namespace ? `${kind}/${object.metadata.namespace}/${name}` : `${kind}/${name}`;
}
