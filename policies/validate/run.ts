import { listEnvironments } from '../../config/load.js';
import { formatFinding } from './findings.js';
import { validateEnvironments } from './validate.js';

export interface ValidationRun {
  readonly exitCode: number;
  readonly lines: string[];
}

/** `npm run validate`: every named environment (all when none), one line per finding, a summary line per environment. */
export async function runValidation(repoRoot: string, requested: readonly string[]): Promise<ValidationRun> {
  const known = listEnvironments(repoRoot);
  const unknown = requested.filter((e) => !known.includes(e));
  if (unknown.length > 0)
    return { exitCode: 2, lines: [`unknown environment(s): ${unknown.join(', ')}; known: ${known.join(', ')}`] };
  const environments = requested.length > 0 ? requested : known;
  const started = performance.now();
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  const results = await validateEnvironments({ repoRoot, environments });
  environments.forEach((environment, i) => {
    const findings = results[i]!;
    lines.push(...findings.map(formatFinding));
    const e = findings.filter((f) => f.severity === 'error').length;
    errors += e;
    warnings += findings.length - e;
    lines.push(`${environment}: ${e} error(s), ${findings.length - e} warning(s)`);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  lines.push(`validated ${environments.join(', ')} in ${seconds} s: ${errors} error(s), ${warnings} warning(s)`);
  return { exitCode: errors > 0 ? 1 : 0, lines };
}
