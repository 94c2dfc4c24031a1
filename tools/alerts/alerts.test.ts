import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { checkAlerts } from './run.js';

// The same checks as `npm run test:alerts`, so `npm test` runs them (promtool and amtool come from alert-tools.sh).
describe('alert rules and Alertmanager configuration', { timeout: 120_000 }, () => {
  it.each(checkAlerts(repoRoot).map((c) => [c.name, c] as const))('%s', (_name, check) => {
    expect(check.ok, check.output).toBe(true);
  });
});
