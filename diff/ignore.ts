import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface IgnoredField {
  readonly kind: string;
  readonly path: string;
  readonly reason: string;
}

export const IGNORED_FIELDS_FILE = 'diff/ignored-fields.yaml';

export function readIgnoredFields(repoRoot: string): IgnoredField[] {
  const file = path.join(repoRoot, IGNORED_FIELDS_FILE);
  if (!fs.existsSync(file)) return [];
  const entries = (parse(fs.readFileSync(file, 'utf8')) as { ignored?: IgnoredField[] } | null)?.ignored ?? [];
  for (const entry of entries) {
    if (!entry.kind || !entry.path || !entry.reason?.trim())
      throw new Error(`${IGNORED_FIELDS_FILE}: every entry needs kind, path and a reason`);
  }
  return entries;
}

export function isIgnored(ignored: readonly IgnoredField[], kind: string, fieldPath: string): boolean {
  return ignored.some(
    (i) =>
      (i.kind === '*' || i.kind === kind) &&
      (fieldPath === i.path || fieldPath.startsWith(`${i.path}.`) || fieldPath.startsWith(`${i.path}[`)),
  );
}
