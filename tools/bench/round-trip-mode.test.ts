import { describe, expect, it } from 'vitest';
import { delayedPorts } from './round-trip-mode.js';

describe('the ports a run behind a round trip delays', () => {
  it("are every broker's client port and PostgreSQL's, not the controllers'", () => {
    expect(delayedPorts({ kafkaPort: 29192, kafkaBrokers: 1, postgresPort: 25532 })).toStrictEqual([29192, 25532]);
    expect(delayedPorts({ kafkaPort: 29192, kafkaBrokers: 3, postgresPort: 25532 })).toStrictEqual([
      29192, 29193, 29194, 25532,
    ]);
  });
});
