import type { EnvConfig } from './schema.js';
import type { SemanticIssue } from './issues.js';

/**
 * The load test and its network edge come together: an edge naming `loadtest` where no load test is rendered would
 * open a door for nothing, and a load test without its edge to the API could not send a single request.
 */
export function loadtestIssues(config: EnvConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  config.network.edges.forEach((edge, index) => {
    for (const end of ['from', 'to'] as const)
      if (edge[end] === 'loadtest' && config.loadtest === undefined)
        issues.push({
          path: ['network', 'edges', index, end],
          message: 'names the load test, which this environment does not render (it has no loadtest section)',
        });
  });
  const reachesApi = config.network.edges.some(
    (e) => e.from === 'loadtest' && e.to === 'api' && e.port === config.api.port && (e.protocol ?? 'TCP') === 'TCP',
  );
  if (config.loadtest !== undefined && !reachesApi)
    issues.push({
      path: ['loadtest'],
      message: `needs its edge to the API: add { from: loadtest, to: api, port: ${config.api.port} } to network.edges`,
    });
  return issues;
}
