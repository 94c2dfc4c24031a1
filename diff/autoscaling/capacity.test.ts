import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAPACITY_FILE, readCapacities } from './capacity.js';

const roots: string[] = [];
function repoWith(capacities: unknown): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'capacity-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, path.dirname(CAPACITY_FILE)), { recursive: true });
  fs.writeFileSync(path.join(root, CAPACITY_FILE), JSON.stringify(capacities));
  return root;
}
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

const workloads = { worker: { eventsPerSecondPerReplica: 6000, readySeconds: 30 } };

describe('loadtests/capacity.json as the autoscaling preview reads it', () => {
  it('says which round trip its rates were measured behind, or none (loopback)', () => {
    expect(readCapacities(repoWith({ source: 's', roundTripMs: 1, workloads }))?.roundTripMs).toBe(1);
    expect(readCapacities(repoWith({ source: 's', workloads }))?.roundTripMs).toBeUndefined();
  });

  it('refuses a round trip that is not a positive number of milliseconds', () => {
    for (const roundTripMs of [0, -1, '1'])
      expect(() => readCapacities(repoWith({ source: 's', roundTripMs, workloads }))).toThrow(
        'roundTripMs, when present, is a positive number of milliseconds',
      );
  });
});
