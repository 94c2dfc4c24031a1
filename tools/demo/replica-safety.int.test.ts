import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runReplicaSafetyDemo } from './replica-safety.js';
import { parseDemoOptions } from './replica-safety-options.js';

const connection = inject('stack');

describe('the replica-safety demo', () => {
  it('after mode: scaled 1 → 2 → 5 with SIGKILLs under load, nothing is lost and nothing applied twice', async () => {
    const options = parseDemoOptions([
      '--mode',
      'after',
      '--events',
      '800',
      '--send-ms',
      '8000',
      '--kill-at',
      '0.55,0.8',
    ]);
    const evidence = await runReplicaSafetyDemo(
      options,
      connection,
      path.join(os.tmpdir(), 'demo-int-test'),
      () => undefined,
    );
    expect(evidence.kills).toBe(2);
    expect(evidence.verdict).toMatchObject({
      accepted: 800,
      applied: 800,
      lost: 0,
      duplicatedEffects: 0,
      unexpected: 0,
      balanceMismatches: 0,
    });
    expect(evidence.passed).toBe(true);
  }, 180_000);
});
