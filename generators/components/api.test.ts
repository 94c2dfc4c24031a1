import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { renderEnvironment } from '../render/environment.js';

const { config } = loadEnvironment(repoRoot, 'staging');
const apiSettings = (kafkaClient?: 'platformatic' | 'kafkajs') => {
  const { workloads } = renderEnvironment({ ...config, api: { ...config.api, kafkaClient } }, {});
  return workloads.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'api-settings') as unknown as {
    data: Record<string, string>;
  };
};

describe('the API’s Kafka client in env.yaml', () => {
  it('renders nothing when unset, so the API’s own default applies', () => {
    expect(apiSettings().data).not.toHaveProperty('API_KAFKA_CLIENT');
  });

  it('renders the client an environment names: kafkajs is the way back without a release', () => {
    expect(apiSettings('kafkajs').data.API_KAFKA_CLIENT).toBe('kafkajs');
  });
});
