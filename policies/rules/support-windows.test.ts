import { describe, expect, it } from 'vitest';
import { supportWindowFindings } from './support-windows.js';
import { devContext } from './testing.js';

const on = (day: string) => new Date(`${day}T00:00:00Z`);

describe('support-window', () => {
  it('passes on 2026-11-26 with the pinned versions', () => {
    expect(supportWindowFindings(devContext(), on('2026-11-26'))).toStrictEqual([]);
  });

  it('warns 90 days before Kubernetes 1.35 leaves EKS standard support', () => {
    const findings = supportWindowFindings(devContext(), on('2026-12-28'));
    expect(findings.map((f) => [f.severity, f.resource])).toContainEqual(['warning', 'kubernetes@1.35.4']);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('fails after the end of support', () => {
    const findings = supportWindowFindings(devContext(), on('2027-03-28'));
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.resource)).toContain('kubernetes@1.35.4');
  });

  it('fails for the 2024 pins this table replaced (Kubernetes 1.31 has no row)', () => {
    const ctx = devContext();
    const config = { ...ctx.config, kubernetesVersion: '1.31.0' };
    const findings = supportWindowFindings({ ...ctx, config }, on('2026-11-26'));
    expect(findings.map((f) => [f.severity, f.message])).toStrictEqual([
      [
        'error',
        'kubernetes 1.31.0 (environments/dev/env.yaml kubernetesVersion) has no row in the support-window table',
      ],
    ]);
  });
});
