import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { readRenderedObjects } from '../validate/rendered.js';
import { noLoadtestInProduction } from './no-loadtest-in-production.js';
import { devContext } from './testing.js';

describe('no-loadtest-in-production', () => {
  it('passes the committed prod render, which has no load test', () => {
    const dirs = ['environments/prod/manifests', 'argocd/prod'];
    const prod = {
      environment: 'prod',
      config: loadEnvironment(repoRoot, 'prod').config,
      repoRoot,
      dirs,
      objects: readRenderedObjects(repoRoot, dirs),
    };
    expect(noLoadtestInProduction.check(prod)).toStrictEqual([]);
  });

  it("flags dev's load test objects once they are rendered for production", () => {
    const findings = noLoadtestInProduction.check({ ...devContext(), environment: 'prod' });
    expect(findings.map((f) => f.resource).sort()).toStrictEqual([
      'CronJob/events-dev/loadtest',
      'NetworkPolicy/events-dev/egress-loadtest-to-api-8080',
      'NetworkPolicy/events-dev/ingress-api-from-loadtest-8080',
      'ServiceAccount/events-dev/loadtest',
    ]);
  });

  it('leaves the load test of dev alone', () => expect(noLoadtestInProduction.check(devContext())).toStrictEqual([]));
});
