import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { manifestsDir } from '../../config/paths.js';
import { alertmanagerConfig } from '../../platform-addons/alertmanager.js';
import { readRenderedObjects } from '../../policies/validate/rendered.js';
import { toolPath } from '../../policies/validate/tools.js';
import { alertUnitTests } from './unit-tests.js';

export interface AlertCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly output: string;
}

function run(binary: string, args: string[], cwd: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(binary, args, { cwd, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The rule groups of an environment's rendered PrometheusRules, exactly as committed. */
interface RuleGroup {
  readonly name: string;
  readonly rules: Record<string, unknown>[];
}

function renderedGroups(repoRoot: string, environment: string): RuleGroup[] {
  return readRenderedObjects(repoRoot, [manifestsDir(environment)])
    .filter((o) => o.object.kind === 'PrometheusRule')
    .flatMap((o) => (o.object.spec as { groups?: RuleGroup[] } | undefined)?.groups ?? []);
}

/**
 * `promtool check rules` on the committed rules (templates included), `promtool test rules` on their expressions,
 * `for` and labels (annotations are left out of the unit tests: their text is checked by the runbook rule, and
 * promtool would compare rendered descriptions character by character), and `amtool check-config` on Alertmanager's
 * configuration.
 */
export function checkAlerts(repoRoot: string): AlertCheck[] {
  const promtool = toolPath(repoRoot, 'promtool');
  const amtool = toolPath(repoRoot, 'amtool');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));
  try {
    const checks: AlertCheck[] = [];
    for (const environment of listEnvironments(repoRoot)) {
      const { config } = loadEnvironment(repoRoot, environment);
      const groups = renderedGroups(repoRoot, environment);
      fs.writeFileSync(path.join(work, `${environment}.rules.yaml`), stringify({ groups }));
      const withoutAnnotations = groups.map((g) => ({
        ...g,
        rules: g.rules.map(({ annotations: _annotations, ...rule }) => rule),
      }));
      fs.writeFileSync(path.join(work, `${environment}.expressions.yaml`), stringify({ groups: withoutAnnotations }));
      fs.writeFileSync(
        path.join(work, `${environment}.tests.yaml`),
        stringify(alertUnitTests(config, `${environment}.expressions.yaml`)),
      );
      checks.push({
        name: `${environment}: promtool check rules`,
        ...run(promtool, ['check', 'rules', `${environment}.rules.yaml`], work),
      });
      checks.push({
        name: `${environment}: promtool test rules`,
        ...run(promtool, ['test', 'rules', `${environment}.tests.yaml`], work),
      });
    }
    fs.writeFileSync(path.join(work, 'alertmanager.yaml'), stringify(alertmanagerConfig()));
    checks.push({ name: 'amtool check-config', ...run(amtool, ['check-config', 'alertmanager.yaml'], work) });
    return checks;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
