import { alertRunbooks } from './alert-runbooks.js';
import { argocdPaths } from './argocd-paths.js';
import { autoscaledReplicas } from './autoscaled-replicas.js';
import { disruptionBudget } from './disruption-budget.js';
import { drillPermissions } from './drill-permissions.js';
import { networkCoverage } from './network-coverage.js';
import { noLoadtestInProduction } from './no-loadtest-in-production.js';
import { noSecretValues } from './no-secret-values.js';
import { noSuspendedJobs } from './no-suspended-jobs.js';
import { pinnedImages } from './pinned-images.js';
import { projectKinds } from './project-kinds.js';
import { restrictedSecurity } from './restricted-security.js';
import type { PolicyRule } from './rule.js';
import { supportWindows } from './support-windows.js';
import { veleroPluginPair } from './velero-plugin.js';

/** The project's own rules, run by `npm run validate` on every environment's rendered output. */
export const PROJECT_RULES: readonly PolicyRule[] = [
  autoscaledReplicas,
  disruptionBudget,
  alertRunbooks,
  noSecretValues,
  pinnedImages,
  restrictedSecurity,
  networkCoverage,
  argocdPaths,
  projectKinds,
  noSuspendedJobs,
  veleroPluginPair,
  supportWindows,
  drillPermissions,
  noLoadtestInProduction,
];
