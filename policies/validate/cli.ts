// `npm run validate [-- --env <name> ...]`: checks the committed rendered output of every environment.
import { parseArgs } from 'node:util';
import { listEnvironments } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { formatFinding } from './findings.js';
import { validateEnvironment } from './validate.js';

function main(): number {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true, default: [] } }, strict: true });
  const known = listEnvironments(repoRoot);
  const unknown = values.env.filter((e) => !known.includes(e));
  if (unknown.length > 0) {
    console.error(`unknown environment(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
    return 2;
  }
  const environments = values.env.length > 0 ? values.env : known;
  const started = performance.now();
  let errors = 0;
  let warnings = 0;
  for (const environment of environments) {
    const findings = validateEnvironment({ repoRoot, environment });
    for (const finding of findings) console.log(formatFinding(finding));
    const e = findings.filter((f) => f.severity === 'error').length;
    errors += e;
    warnings += findings.length - e;
    console.log(`${environment}: ${e} error(s), ${findings.length - e} warning(s)`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`validated ${environments.join(', ')} in ${seconds} s: ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`validate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
