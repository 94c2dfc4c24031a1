import { App, Chart } from 'cdk8s';
import { renderApi } from '../components/api.js';
import { renderNamespace } from '../components/namespace.js';
import { renderWorker } from '../components/worker.js';
import type { EnvConfig } from '../config/schema.js';

/** A Kubernetes object as plain data, the unit the output stage writes one file per. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/**
 * Renders one environment's resources. A pure function of the validated config: no I/O, no clock, no randomness,
 * and no branch on the environment's name; everything that differs is a value in env.yaml.
 */
export function renderEnvironment(config: EnvConfig): KubeObject[] {
  const app = new App();
  const chart = new Chart(app, config.name, { disableResourceNameHashes: true });
  renderNamespace(chart, config);
  renderApi(chart, config);
  renderWorker(chart, config);
  return chart.toJson() as KubeObject[];
}
