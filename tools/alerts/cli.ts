// `npm run test:alerts`: promtool against every environment's rendered alert rules, amtool against Alertmanager's config.
import { repoRoot } from '../../config/paths.js';
import { checkAlerts } from './run.js';

const checks = checkAlerts(repoRoot);
for (const check of checks) {
  console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}`);
  if (!check.ok) console.log(check.output.trim().replace(/^/gm, '     '));
}
const failed = checks.filter((c) => !c.ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
