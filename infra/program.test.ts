import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../generators/config/load.js';
import { repoRoot } from '../generators/paths.js';
import { runProgram } from './testing/run-program.js';

describe('the program', () => {
  it('registers resources for dev', async () => {
    const resources = await runProgram(loadEnvironment(repoRoot, 'dev').config);
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    console.log(resources.length, [...counts]);
    expect(resources.length).toBeGreaterThan(10);
  });
});
