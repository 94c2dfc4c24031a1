import fs from 'node:fs';
import path from 'node:path';

/** Writes a drill's report as `<dir>/drill-<kind>.json` (pretty, one trailing newline) and returns the path. */
export function writeReport(dir: string, report: { readonly kind: string }): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `drill-${report.kind}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
