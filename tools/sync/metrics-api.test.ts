import { describe, expect, it } from 'vitest';
import { containerUsage, quantityValue } from './metrics-api.js';

describe('the stand-in metrics', () => {
  it('reads Kubernetes quantities in base units', () => {
    expect(quantityValue('250m')).toBe(0.25);
    expect(quantityValue('2')).toBe(2);
    expect(quantityValue('128Mi')).toBe(128 * 2 ** 20);
    expect(quantityValue('1G')).toBe(1e9);
  });

  it('reports each container using half of its requests', () => {
    expect(containerUsage({ cpu: '100m', memory: '128Mi' })).toStrictEqual({
      cpu: '50m',
      memory: String(64 * 2 ** 20),
    });
  });

  it('reports nothing used by a container without requests', () => {
    expect(containerUsage(undefined)).toStrictEqual({ cpu: '0m', memory: '0' });
  });
});
