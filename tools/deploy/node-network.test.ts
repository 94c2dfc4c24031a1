import { describe, expect, it } from 'vitest';
import { ruleArguments } from './node-network.js';

describe('ruleArguments', () => {
  it('keeps a quoted comment as one argument, so the rule can be deleted as iptables printed it', () => {
    // Regression: split on spaces, kube-proxy's rules were never deleted and outlived the run.
    expect(
      ruleArguments('-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS'),
    ).toStrictEqual([
      '-A',
      'INPUT',
      '-m',
      'comment',
      '--comment',
      'kubernetes health check service ports',
      '-j',
      'KUBE-NODEPORTS',
    ]);
  });

  it('unescapes the quotes inside a quoted comment (the CNI plugin names its network in one)', () => {
    expect(ruleArguments('-A POSTROUTING --comment "name: \\"deploy-check\\" id: \\"ab\\"" -j CNI-1')).toStrictEqual([
      '-A',
      'POSTROUTING',
      '--comment',
      'name: "deploy-check" id: "ab"',
      '-j',
      'CNI-1',
    ]);
  });
});
