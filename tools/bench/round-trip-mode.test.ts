import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROUND_TRIP_RUNS_DIR, delayedPorts, roundTripRunFile } from './round-trip-mode.js';

describe('the ports a run behind a round trip delays', () => {
  it("are every broker's client port and PostgreSQL's, not the controllers'", () => {
    expect(delayedPorts({ kafkaPort: 29192, kafkaBrokers: 1, postgresPort: 25532 })).toStrictEqual([29192, 25532]);
    expect(delayedPorts({ kafkaPort: 29192, kafkaBrokers: 3, postgresPort: 25532 })).toStrictEqual([
      29192, 29193, 29194, 25532,
    ]);
  });
});

describe('where a run behind a round trip is recorded', () => {
  it('is <label>.json, refused before the run when the label is taken or not a plain name', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'round-trip-runs-'));
    try {
      expect(roundTripRunFile(root, 'inter-az')).toBe(path.join(root, ROUND_TRIP_RUNS_DIR, 'inter-az.json'));
      fs.mkdirSync(path.join(root, ROUND_TRIP_RUNS_DIR), { recursive: true });
      fs.writeFileSync(path.join(root, ROUND_TRIP_RUNS_DIR, 'inter-az.json'), '{}');
      expect(() => roundTripRunFile(root, 'inter-az')).toThrow(
        `${ROUND_TRIP_RUNS_DIR}/inter-az.json exists: record under another label`,
      );
      expect(() => roundTripRunFile(root, '../x')).toThrow("got '../x'");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
